using System.Text.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Compare;

/// <summary>Compares two runs' key figures, thresholds and scenarios (live or stored alike); the page, the API and the HTML report all read this.</summary>
internal sealed class RunComparer(RunHistory history) : IRunComparisonSource
{
    public Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken) => Task.FromResult(history.List());

    public Task<RunComparison?> CompareAsync(string a, string b, CancellationToken cancellationToken) =>
        Task.FromResult(history.Record(a) is { } first && history.Record(b) is { } second ? Compare(first, second) : null);

    public static RunComparison Compare(RunRecord a, RunRecord b) =>
        new(a.Info, b.Info, Figures(a).Zip(Figures(b), (x, y) => Pair(x, y.Value)).ToArray())
        {
            Thresholds = Thresholds(a, b),
            Note = Note(a, b),
        };

    /// <summary>Runs of different scenarios compare too; the reader is told so, and told when one scenario ran with other settings.</summary>
    internal static string? Note(RunRecord a, RunRecord b)
    {
        if (!string.Equals(a.Info.Scenario, b.Info.Scenario, StringComparison.Ordinal))
        {
            return $"These runs are of different scenarios ({a.Info.Scenario} and {b.Info.Scenario}): their loads differ, so a difference says as much about the scenarios as about the loop.";
        }

        return JsonSerializer.Serialize(a.Header.Scenario, ScenarioJson.Options) == JsonSerializer.Serialize(b.Header.Scenario, ScenarioJson.Options)
            ? null
            : $"Both runs are of {a.Info.Scenario}, but with different settings (rate, users, duration or more; each run's report shows its scenario).";
    }

    private static FigureComparison Pair((string Name, string Unit, double? Value, bool? LowerIsBetter) a, double? b)
    {
        var difference = a.Value is { } x && b is { } y ? y - x : (double?)null;
        var relative = difference is { } d && a.Value is { } baseline && baseline != 0 ? d / baseline : (double?)null;
        return new FigureComparison(a.Name, a.Unit, a.Value, b, difference, relative, a.LowerIsBetter);
    }

    private static IReadOnlyList<ThresholdComparison> Thresholds(RunRecord a, RunRecord b)
    {
        var first = ReportFigures.Thresholds(a, out _);
        var second = ReportFigures.Thresholds(b, out _);
        return first.Select(t => t.Expression).Concat(second.Select(t => t.Expression)).Distinct(StringComparer.Ordinal)
            .Select(expression => new ThresholdComparison(
                expression,
                first.FirstOrDefault(t => t.Expression == expression),
                second.FirstOrDefault(t => t.Expression == expression)))
            .ToArray();
    }

    private static bool IsEmbedded(RunRecord run) => run.Header.Scenario.Target?.Url is null;

    /// <summary>The figures in a fixed order, so two runs' lists line up.</summary>
    private static IEnumerable<(string Name, string Unit, double? Value, bool? LowerIsBetter)> Figures(RunRecord run)
    {
        var info = run.Info;
        var load = run.Header.Summary?.Load;
        var requests = load?.Requests ?? info.Key.Requests;
        var failures = load?.Failures ?? run.Snapshots.Sum(s => s.Load.Failures);
        var tasks = run.Header.RequestTasks;
        var total = tasks is null ? 0 : tasks.Awake.SumMs + tasks.Waiting.SumMs + tasks.Asleep.SumMs;
        double? Share(Func<Dashboard.Contracts.Loop.TaskKindBreakdown, double> part) => tasks is not null && total > 0 ? 100 * part(tasks) / total : null;

        yield return ("duration", "s", info.ElapsedSeconds, null);
        // A run of another server has no loops; runs stored before there could be several had one.
        yield return ("loops", "loops", IsEmbedded(run) ? info.Loops ?? 1 : null, null);
        yield return ("requests", "requests", requests, null);
        yield return ("throughput", "requests/s", info.Key.ThroughputPerSecond, false);
        yield return ("errors", "%", requests > 0 ? 100.0 * failures / requests : 0, true);
        yield return ("dropped", "arrivals", load?.Dropped, true);
        yield return ("latency.p50", "ms", load?.Latency.P50 ?? info.Key.LatencyP50Ms, true);
        yield return ("latency.p90", "ms", load?.Latency.P90, true);
        yield return ("latency.p99", "ms", load?.Latency.P99 ?? info.Key.LatencyP99Ms, true);
        yield return ("latency.max", "ms", load?.Latency.Max, true);
        yield return ("latency.raw.p99", "ms", load?.RawLatency.P99, true);
        yield return ("loop.waiting.mean", "ms", tasks?.Waiting.MeanMs, true);
        yield return ("loop.waiting.p99", "ms", info.Key.WaitingP99Ms, true);
        yield return ("loop.awake.mean", "ms", tasks?.Awake.MeanMs, true);
        yield return ("loop.utilization", "%", 100 * info.Key.LoopUtilization, null);
        yield return ("loop.readyQueue.max", "tasks", run.Snapshots.Count > 0 ? run.Snapshots.Max(s => s.Loop?.ReadyDepthMax ?? 0) : null, true);
        // Where the request tasks' time went: a bigger waiting share is worse; awake and asleep say what the work is.
        yield return ("share.awake", "%", Share(t => t.Awake.SumMs), null);
        yield return ("share.waiting", "%", Share(t => t.Waiting.SumMs), true);
        yield return ("share.asleep", "%", Share(t => t.Asleep.SumMs), null);
    }
}
