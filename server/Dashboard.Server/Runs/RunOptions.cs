using Dashboard.Server.Configuration;

namespace Dashboard.Server.Runs;

/// <summary>Limits of run orchestration (configuration section "Runs").</summary>
internal sealed class RunOptions
{
    /// <summary>Runs kept in memory (running and recent); the oldest finished go first.</summary>
    public int MaxRunsInMemory { get; set; } = 50;

    /// <summary>Runs going at once.</summary>
    public int MaxConcurrentRuns { get; set; } = 4;

    /// <summary>Recent snapshots kept per run for late subscribers and history.</summary>
    public int SnapshotHistory { get; set; } = 600;

    /// <summary>Slowest tasks sampled per interval.</summary>
    public int SlowestSamples { get; set; } = 5;

    /// <summary>Random tasks sampled per interval.</summary>
    public int RandomSamples { get; set; } = 5;

    /// <summary>Task kinds broken down per snapshot; the rest fold into "(other kinds)".</summary>
    public int MaxKindsPerSnapshot { get; set; } = 32;

    /// <summary>Recent task records kept per run for a task's story (tree and timeline).</summary>
    public int MaxRetainedTasks { get; set; } = 20_000;

    /// <summary>Timeline spans kept over all retained tasks (eight each on average; 24 bytes a span).</summary>
    public int MaxRetainedSpans { get; set; } = 160_000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        OptionRules.Range(errors, "Runs", nameof(MaxRunsInMemory), MaxRunsInMemory, 1, 10_000);
        OptionRules.Range(errors, "Runs", nameof(MaxConcurrentRuns), MaxConcurrentRuns, 1, 64);
        OptionRules.Range(errors, "Runs", nameof(SnapshotHistory), SnapshotHistory, 1, 100_000);
        OptionRules.Range(errors, "Runs", nameof(SlowestSamples), SlowestSamples, 0, 100);
        OptionRules.Range(errors, "Runs", nameof(RandomSamples), RandomSamples, 0, 100);
        OptionRules.Range(errors, "Runs", nameof(MaxKindsPerSnapshot), MaxKindsPerSnapshot, 1, 1_000);
        OptionRules.Range(errors, "Runs", nameof(MaxRetainedTasks), MaxRetainedTasks, 0, 1_000_000);
        OptionRules.Range(errors, "Runs", nameof(MaxRetainedSpans), MaxRetainedSpans, 0, 32_000_000);
        return errors;
    }
}
