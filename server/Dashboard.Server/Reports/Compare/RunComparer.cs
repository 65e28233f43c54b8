using Dashboard.Contracts.Runs;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Compare;

/// <summary>Compares two runs' key figures (live or stored alike).</summary>
internal sealed class RunComparer(RunHistory history) : IRunComparisonSource
{
    public Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken) => Task.FromResult(history.List());

    public Task<RunComparison?> CompareAsync(string a, string b, CancellationToken cancellationToken) =>
        Task.FromResult(history.Record(a) is { } first && history.Record(b) is { } second ? Compare(first, second) : null);

    public static RunComparison Compare(RunRecord a, RunRecord b) =>
        new(a.Info, b.Info, Figures(a).Zip(Figures(b), (x, y) => Pair(x, y.Value)).ToArray());

    private static FigureComparison Pair((string Name, string Unit, double? Value, bool? LowerIsBetter) a, double? b)
    {
        var difference = a.Value is { } x && b is { } y ? y - x : (double?)null;
        var relative = difference is { } d && a.Value is { } baseline && baseline != 0 ? d / baseline : (double?)null;
        return new FigureComparison(a.Name, a.Unit, a.Value, b, difference, relative, a.LowerIsBetter);
    }

    /// <summary>The figures in a fixed order, so two runs' lists line up.</summary>
    private static IEnumerable<(string Name, string Unit, double? Value, bool? LowerIsBetter)> Figures(RunRecord run)
    {
        var info = run.Info;
        var load = run.Header.Summary?.Load;
        var requests = load?.Requests ?? info.Key.Requests;
        var failures = load?.Failures ?? run.Snapshots.Sum(s => s.Load.Failures);
        yield return ("duration", "s", info.ElapsedSeconds, null);
        yield return ("requests", "requests", requests, null);
        yield return ("throughput", "requests/s", info.Key.ThroughputPerSecond, false);
        yield return ("errors", "%", requests > 0 ? 100.0 * failures / requests : 0, true);
        yield return ("dropped", "arrivals", load?.Dropped, true);
        yield return ("latency.p50", "ms", load?.Latency.P50 ?? info.Key.LatencyP50Ms, true);
        yield return ("latency.p90", "ms", load?.Latency.P90, true);
        yield return ("latency.p99", "ms", load?.Latency.P99 ?? info.Key.LatencyP99Ms, true);
        yield return ("latency.max", "ms", load?.Latency.Max, true);
        yield return ("latency.raw.p99", "ms", load?.RawLatency.P99, true);
        yield return ("loop.waiting.mean", "ms", run.Header.RequestTasks?.Waiting.MeanMs, true);
        yield return ("loop.waiting.p99", "ms", info.Key.WaitingP99Ms, true);
        yield return ("loop.awake.mean", "ms", run.Header.RequestTasks?.Awake.MeanMs, true);
        yield return ("loop.utilization", "%", 100 * info.Key.LoopUtilization, null);
        yield return ("loop.readyQueue.max", "tasks", run.Snapshots.Count > 0 ? run.Snapshots.Max(s => s.Loop?.ReadyDepthMax ?? 0) : null, true);
    }
}
