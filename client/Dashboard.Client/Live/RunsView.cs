using Dashboard.Client.Formatting;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Live;

/// <summary>One run's row of the runs page, every figure already in words (equal rows render nothing).</summary>
public sealed record RunRowText(
    string Id,
    string Scenario,
    string Started,
    string Status,
    string StatusClass,
    string Duration,
    string Requests,
    string Throughput,
    string Errors,
    string LatencyP99,
    string WaitingP99,
    string LoopUtilization,
    string Verdict,
    string VerdictClass)
{
    public static RunRowText Of(RunInfo run) => new(
        run.Id,
        run.Scenario,
        FigureFormat.ClockUtc(run.StartedAt),
        RunText.Status(run.Status),
        RunText.StatusClass(run.Status),
        FigureFormat.Adaptive(run.ElapsedSeconds),
        FigureFormat.Count(run.Key.Requests),
        FigureFormat.Adaptive(run.Key.ThroughputPerSecond),
        FigureFormat.Percent(run.Key.ErrorRate),
        Milliseconds(run.Key.LatencyP99Ms, run.Key.Requests),
        Milliseconds(run.Key.WaitingP99Ms, run.Key.Requests),
        FigureFormat.Percent(run.Key.LoopUtilization),
        RunText.Verdict(run.Passed),
        RunText.VerdictClass(run.Passed));

    /// <summary>A latency of a run without requests is not 0 ms: it does not exist.</summary>
    private static string Milliseconds(double value, long requests) =>
        requests > 0 ? FigureFormat.Adaptive(value) : FigureFormat.Missing;
}

/// <summary>
/// What the runs page shows: the newest runs (at most <see cref="DashboardUiOptions.MaxRunRows"/>)
/// and how many there are. Built once per update in the host from <see cref="IRunDirectory"/>, on
/// every run started, snapshot and ending; a row equal to the previous view's is that row.
/// </summary>
public sealed record RunsView(IReadOnlyList<RunRowText> Rows, int Total)
{
    /// <summary>The live feed of the runs page: the directory read at most once per <see cref="DashboardUiOptions.LiveRefresh"/>.</summary>
    public static LiveFeed<RunsView> Feed(IRunDirectory directory, DashboardUiOptions options, TimeProvider time) =>
        new(previous => Read(directory, options, previous), options.LiveRefresh, time);

    public static RunsView Read(IRunDirectory directory, DashboardUiOptions options, RunsView? previous = null)
    {
        var all = directory.List();
        var kept = previous?.Rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var rows = all.Take(options.MaxRunRows)
            .Select(RunRowText.Of)
            .Select(row => kept is not null && kept.TryGetValue(row.Id, out var old) && old == row ? old : row)
            .ToArray();
        return new RunsView(rows, all.Count);
    }
}
