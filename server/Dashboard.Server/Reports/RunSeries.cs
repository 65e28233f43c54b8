using Dashboard.Contracts.Runs;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports;

/// <summary>A run's interval series as (seconds since start, value) points, for charts of one run or several.</summary>
internal static class RunSeries
{
    public static IReadOnlyList<(double X, double Y)> Of(RunRecord run, Func<RunSnapshot, double?> value) =>
        run.Snapshots
            .Select(s => (s.ElapsedSeconds, Value: value(s)))
            .Where(p => p.Value is { } v && double.IsFinite(v))
            .Select(p => (p.ElapsedSeconds, p.Value!.Value))
            .ToArray();

    public static double? Throughput(RunSnapshot s) => s.Load.ThroughputPerSecond;

    public static double? FailuresPerSecond(RunSnapshot s) => s.IntervalSeconds > 0 ? s.Load.Failures / s.IntervalSeconds : 0;

    /// <summary>Percentiles of an interval without answers mean nothing; they are left out rather than drawn as zero.</summary>
    public static double? Corrected(RunSnapshot s, Func<LatencyFigures, double> percentile) =>
        s.Load.Requests > 0 ? percentile(s.Load.Corrected) : null;

    public static double? Raw(RunSnapshot s, Func<LatencyFigures, double> percentile) =>
        s.Load.Requests > 0 ? percentile(s.Load.Raw) : null;

    public static double? UtilizationPercent(RunSnapshot s) => s.Loop is { } loop ? 100 * loop.Utilization : null;

    /// <summary>Loops the run was spread over (one for another server's run or a run stored before there could be several).</summary>
    public static int LoopCount(RunRecord run) => Math.Max(1, run.Info.Loops ?? 1);

    /// <summary>Loop <paramref name="loop"/>'s own figures in the interval, if it reported in it.</summary>
    public static Dashboard.Contracts.Loop.LoopInterval? LoopOf(RunSnapshot s, int loop) => s.Loop?.Loops.FirstOrDefault(l => l.Loop == loop);

    /// <summary>The waiting of the tasks loop <paramref name="loop"/> completed in the interval; null when it completed none.</summary>
    public static Dashboard.Contracts.Loop.TaskKindBreakdown? TasksOf(RunSnapshot s, int loop) =>
        loop < s.Tasks.Loops.Count && s.Tasks.Loops[loop] is { Count: > 0 } tasks ? tasks : null;

    public static double? ReadyDepthMax(RunSnapshot s) => s.Loop?.ReadyDepthMax;

    public static double? ReadyDepthMean(RunSnapshot s) => s.Loop?.ReadyDepthMean;

    public static double? WaitingP99(RunSnapshot s) => s.Tasks.Overall.Count > 0 ? s.Tasks.Overall.Waiting.P99Ms : null;

    /// <summary>Waiting as a percentage of the lifetime of the tasks completed in the interval.</summary>
    public static double? WaitingSharePercent(RunSnapshot s)
    {
        var overall = s.Tasks.Overall;
        var total = overall.Awake.SumMs + overall.Waiting.SumMs + overall.Asleep.SumMs;
        return total > 0 ? 100 * overall.Waiting.SumMs / total : null;
    }
}
