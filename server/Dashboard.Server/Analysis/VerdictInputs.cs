using Dashboard.Contracts.Runs;
using Dashboard.Load.Statistics;

namespace Dashboard.Server.Analysis;

/// <summary>What a verdict rests on: the measured run's figures (never the warm-up's) and its interval series.</summary>
internal sealed record VerdictInput
{
    /// <summary>Requests that finished (with a response or an error).</summary>
    public required long Requests { get; init; }

    /// <summary>Requests the run offered: finished, dropped at the in-flight cap and abandoned (null: as many as finished).</summary>
    public long? Arrivals { get; init; }

    /// <summary>Arrivals dropped at the in-flight cap.</summary>
    public long Dropped { get; init; }

    /// <summary>The rate the open-model phases aimed at, on average (null for a closed-model run).</summary>
    public double? OfferedPerSecond { get; init; }

    /// <summary>Answers per second while those phases ran.</summary>
    public double AchievedPerSecond { get; init; }

    /// <summary>Mean loop utilization, 0..1.</summary>
    public required double Utilization { get; init; }

    /// <summary>Mean waiting of the run's request tasks on the loop (ready, not running).</summary>
    public required double WaitingMeanMs { get; init; }

    public required double WaitingP99Ms { get; init; }

    /// <summary>Mean corrected latency (from the intended start).</summary>
    public required double LatencyMeanMs { get; init; }

    public double LatencyP50Ms { get; init; }

    /// <summary>Mean time from a request's intended start to its send (corrected − raw latency):
    /// queued in the engine for a free connection.</summary>
    public double EngineWaitMeanMs { get; init; }

    /// <summary>Per interval: seconds since start, offered rate (null in closed phases), waiting p99 (ms), requests in flight, utilization 0..1.</summary>
    public required IReadOnlyList<(double Seconds, double? Rate, double WaitingP99Ms, int InFlight, double Utilization)> Series { get; init; }

    public required IReadOnlyList<BlockerKindTotals> Blockers { get; init; }

    /// <summary>The sweep's reading, for a run with a sweep phase: its worst case names where saturation began.</summary>
    public SweepReport? Sweep { get; init; }
}

/// <summary>The loop-side figures of a run, however they are known (a live window, a stored record).</summary>
internal sealed record LoopVerdictFigures(double Utilization, double WaitingMeanMs, double WaitingP99Ms, IReadOnlyList<BlockerKindTotals> Blockers);

/// <summary>
/// Builds a <see cref="VerdictInput"/> the one way, from a run's snapshots (its warm-up's left out)
/// and, once it has ended, the engine's whole-run figures; for a live run and a recorded one alike.
/// </summary>
internal static class VerdictInputs
{
    public static VerdictInput From(IEnumerable<RunSnapshot> snapshots, LoadStatistics? whole, LoopVerdictFigures loop, SweepReport? sweep)
    {
        var measured = snapshots.Where(s => !s.WarmUp).ToArray();
        var open = measured.Where(s => s.TargetRate is not null && s.IntervalSeconds > 0).ToArray();
        var openSeconds = open.Sum(s => s.IntervalSeconds);
        var requests = whole?.Requests ?? measured.Sum(s => s.Load.Requests);
        var dropped = whole?.Dropped ?? measured.Sum(s => s.Load.Dropped);
        var latencyMean = whole?.Latency.Mean ?? Weighted(measured, l => l.Corrected.MeanMs);
        var rawMean = whole?.RawLatency.Mean ?? Weighted(measured, l => l.Raw.MeanMs);
        return new VerdictInput
        {
            Requests = requests,
            Arrivals = requests + dropped + (whole?.Abandoned ?? 0),
            Dropped = dropped,
            OfferedPerSecond = openSeconds > 0 ? open.Sum(s => s.TargetRate!.Value * s.IntervalSeconds) / openSeconds : null,
            AchievedPerSecond = openSeconds > 0 ? open.Sum(s => s.Load.Requests) / openSeconds : 0,
            Utilization = loop.Utilization,
            WaitingMeanMs = loop.WaitingMeanMs,
            WaitingP99Ms = loop.WaitingP99Ms,
            LatencyMeanMs = latencyMean,
            LatencyP50Ms = whole?.Latency.P50 ?? Weighted(measured, l => l.Corrected.P50Ms),
            EngineWaitMeanMs = Math.Max(0, latencyMean - rawMean),
            Series = measured
                .Select(s => (s.ElapsedSeconds, s.TargetRate, s.Tasks.Overall.Waiting.P99Ms, s.Load.InFlight, s.Loop?.Utilization ?? 0))
                .ToArray(),
            Blockers = loop.Blockers,
            Sweep = sweep,
        };
    }

    /// <summary>A latency figure over intervals, weighted by their answers (a p50 so weighted is an estimate).</summary>
    private static double Weighted(IReadOnlyList<RunSnapshot> snapshots, Func<LoadFigures, double> figure)
    {
        long count = 0;
        double sum = 0;
        foreach (var snapshot in snapshots)
        {
            count += snapshot.Load.Successes;
            sum += figure(snapshot.Load) * snapshot.Load.Successes;
        }

        return count == 0 ? 0 : sum / count;
    }
}
