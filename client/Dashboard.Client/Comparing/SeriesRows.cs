using Dashboard.Client.Formatting;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Comparing;

/// <summary>One figure of a design series, a value per design ("—" for a design with no run yet or no such figure).</summary>
public sealed record SeriesRow(string Key, string Label, string Unit, IReadOnlyList<string> Values, string Hint);

/// <summary>
/// The designs of a series side by side, in words: the rows the series page and its HTML report
/// both show (one copy of every label and format).
/// </summary>
public static class SeriesRows
{
    private const double Megabyte = 1024 * 1024;

    public static IReadOnlyList<SeriesRow> Of(DesignSeries series)
    {
        var runs = series.Runs;
        SeriesRow Row(string key, string label, string unit, Func<RunInfo, string> value, string hint) =>
            new(key, label, unit, [.. runs.Select(r => r is null ? FigureFormat.Missing : value(r))], hint);

        return
        [
            Row("status", "Status", "", r => RunText.Status(r.Status), "how the design's run ended (or that it is running)"),
            Row("loops", "Loops", "loops", r => r.Loops is { } loops ? FigureFormat.Count(loops) : FigureFormat.Missing, "event loops its connections were spread over"),
            Row("throughput", "Throughput", "req/s", r => FigureFormat.Adaptive(r.Key.ThroughputPerSecond), "requests answered per second: the same offered load for every design"),
            Row("latency-p50", "Latency p50", "ms", r => FigureFormat.Adaptive(r.Key.LatencyP50Ms), "corrected for coordinated omission: from each request's intended send time"),
            Row("latency-p99", "Latency p99", "ms", r => FigureFormat.Adaptive(r.Key.LatencyP99Ms), "corrected for coordinated omission"),
            Row("waiting-p99", "Loop waiting p99", "ms", r => FigureFormat.Adaptive(r.Key.WaitingP99Ms), "how long the requests' steps queued on their loop, ready but not running"),
            Row("utilization", "Loop utilization", "%", r => FigureFormat.Percent(r.Key.LoopUtilization), "the loops' mean share of time busy running steps"),
            Row("errors", "Errors", "%", r => FigureFormat.Percent(r.Key.ErrorRate), "failed requests among those that ended"),
            Row("memory", "Memory", "MB", r => r.HostMemoryBytes is { } host ? FigureFormat.Adaptive((host + (r.ProcessPool?.WorkersMemoryBytes ?? 0)) / Megabyte) : FigureFormat.Missing,
                "resident memory at the run's end: the host (its thread pool inside it) plus any process pool's workers"),
            Row("pool-memory", "Process pool memory", "MB", r => r.ProcessPool is { } pool ? FigureFormat.Adaptive(pool.WorkersMemoryBytes / Megabyte) : FigureFormat.Missing,
                "the worker processes' resident memory at the run's end (the thread pool lives inside the host)"),
            Row("pool-hop", "Pool hop (send + return)", "ms", r => r.ProcessPool is { } pool ? FigureFormat.Adaptive(pool.SendMeanMs + pool.ReturnMeanMs) : FigureFormat.Missing,
                "a process step's mean trip through the two pipes, on top of its compute"),
            Row("verdict", "Verdict", "", r => r.Verdict?.Text ?? FigureFormat.Missing, "the run read in plain words"),
        ];
    }

    /// <summary>Where the series stands, in a sentence.</summary>
    public static string Progress(DesignSeries series)
    {
        var ran = series.Runs.Count(r => r is not null);
        var total = series.Designs.Count;
        if (series.Running)
        {
            var current = series.Runs.Select((r, i) => (r, i)).LastOrDefault(p => p.r is not null);
            return $"Running design {current.i + 1} of {total} ({series.Designs[current.i]}); the others follow one after another.";
        }

        return ran == total
            ? $"All {total} designs ran, one after another, under the same load."
            : $"Stopped after {ran} of {total} designs: a run was stopped, so the rest never started.";
    }
}
