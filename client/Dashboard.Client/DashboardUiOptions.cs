namespace Dashboard.Client;

/// <summary>Limits of the dashboard pages, their live feeds and circuits (configuration section "DashboardUi").</summary>
public sealed class DashboardUiOptions
{
    /// <summary>
    /// Least time between two updates of a live view (the loop page, the runs page, a run's page): a source that
    /// changes faster is read once per interval, in the host, for every viewer.
    /// </summary>
    public TimeSpan LiveRefresh { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Circuits of disconnected tabs kept for a reconnect (Blazor's default is 100).</summary>
    public int DisconnectedCircuitsKept { get; set; } = 20;

    /// <summary>How long a disconnected tab's circuit is kept before it is dropped (Blazor's default is 3 minutes).</summary>
    public TimeSpan DisconnectedCircuitRetention { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Render batches a slow browser may leave unacknowledged before the circuit waits for it.</summary>
    public int UnacknowledgedRenderBatches { get; set; } = 10;

    /// <summary>Points each chart keeps in the browser; older points are dropped.</summary>
    public int ChartWindowPoints { get; set; } = 240;

    /// <summary>Task kinds shown in the per-kind table, most frequent first.</summary>
    public int MaxKindRows { get; set; } = 50;

    /// <summary>Slow steps of the latest interval listed by name.</summary>
    public int MaxSlowStepRows { get; set; } = 10;

    /// <summary>Sampled tasks listed per table of the live run page (slowest of the latest interval; recent random ones).</summary>
    public int MaxSampleRows { get; set; } = 10;

    /// <summary>Rows of each blockers table of the live run page (worst single blocks; blocker kinds).</summary>
    public int MaxBlockerRows { get; set; } = 10;

    /// <summary>Steps listed in the live run page's sweep table (the highest kept beyond it).</summary>
    public int MaxSweepRows { get; set; } = 50;

    /// <summary>Runs listed on the runs page, newest first.</summary>
    public int MaxRunRows { get; set; } = 200;

    /// <summary>Children (and grandchildren per child) shown in a task's story tree.</summary>
    public int MaxStoryChildren { get; set; } = 50;

    /// <summary>Rows of a task's span table (the strip above it draws every span the server kept).</summary>
    public int MaxTimelineRows { get; set; } = 500;

    /// <summary>
    /// Longest scenario the launch page's JSON view takes, in characters (every keystroke sends it
    /// over the circuit, whose message limit follows from this); POST /api/runs takes larger ones.
    /// </summary>
    public int MaxScenarioChars { get; set; } = 32 * 1024;

    /// <summary>The circuit's largest message from a browser: the JSON view's text, at most 3 UTF-8 bytes a character, and room for the event around it.</summary>
    public long CircuitMessageBytes => (3L * MaxScenarioChars) + (16 * 1024);

    /// <summary>Every problem with these options, each naming its field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LiveRefresh < TimeSpan.FromMilliseconds(100) || LiveRefresh > TimeSpan.FromSeconds(10))
        {
            errors.Add($"DashboardUi:LiveRefresh: expected 100ms..10000ms, got {LiveRefresh.TotalMilliseconds}ms");
        }

        if (DisconnectedCircuitRetention < TimeSpan.FromSeconds(5) || DisconnectedCircuitRetention > TimeSpan.FromHours(1))
        {
            errors.Add($"DashboardUi:DisconnectedCircuitRetention: expected 5s..3600s, got {DisconnectedCircuitRetention.TotalSeconds}s");
        }

        CheckRange(errors, nameof(DisconnectedCircuitsKept), DisconnectedCircuitsKept, 0, 1_000);
        CheckRange(errors, nameof(UnacknowledgedRenderBatches), UnacknowledgedRenderBatches, 1, 100);

        CheckRange(errors, nameof(ChartWindowPoints), ChartWindowPoints, 10, 10_000);
        CheckRange(errors, nameof(MaxKindRows), MaxKindRows, 1, 1_000);
        CheckRange(errors, nameof(MaxSlowStepRows), MaxSlowStepRows, 0, 1_000);
        CheckRange(errors, nameof(MaxSampleRows), MaxSampleRows, 1, 200);
        CheckRange(errors, nameof(MaxBlockerRows), MaxBlockerRows, 1, 100);
        CheckRange(errors, nameof(MaxSweepRows), MaxSweepRows, 1, 1_000);
        CheckRange(errors, nameof(MaxRunRows), MaxRunRows, 1, 10_000);
        CheckRange(errors, nameof(MaxStoryChildren), MaxStoryChildren, 1, 1_000);
        CheckRange(errors, nameof(MaxTimelineRows), MaxTimelineRows, 0, 10_000);
        CheckRange(errors, nameof(MaxScenarioChars), MaxScenarioChars, 1_024, 256 * 1024);
        return errors;
    }

    private static void CheckRange(List<string> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"DashboardUi:{field}: expected {min}..{max}, got {value}");
        }
    }
}
