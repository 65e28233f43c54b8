using System.Globalization;
using Dashboard.Contracts.Runs;

namespace Dashboard.Server.Analysis;

/// <summary>What a verdict rests on: whole-run figures and the interval series.</summary>
internal sealed record VerdictInput
{
    public required long Requests { get; init; }

    /// <summary>Mean loop utilization, 0..1.</summary>
    public required double Utilization { get; init; }

    public required double WaitingMeanMs { get; init; }

    public required double WaitingP99Ms { get; init; }

    public required double LatencyMeanMs { get; init; }

    /// <summary>Per interval: seconds since start, offered rate (null in closed phases), waiting p99 (ms), requests in flight, utilization 0..1.</summary>
    public required IReadOnlyList<(double Seconds, double? Rate, double WaitingP99Ms, int InFlight, double Utilization)> Series { get; init; }

    public required IReadOnlyList<BlockerKindTotals> Blockers { get; init; }

    /// <summary>The sweep's reading, for a run with a sweep phase: its worst case names where saturation began.</summary>
    public SweepReport? Sweep { get; init; }
}

/// <summary>
/// Reads a run in plain words: healthy, saturated (and from which rate, and how fast waiting
/// grows) or blocked (by which steps, delaying how many tasks by how much), naming the figures
/// it rests on.
/// </summary>
internal static class VerdictBuilder
{
    /// <summary>Utilization above which the loop counts as saturated when waiting also grows.</summary>
    public const double SaturatedUtilization = 0.9;

    /// <summary>Waiting growth (ms of p99 per second of run) that counts as "growing".</summary>
    public const double GrowingMsPerSecond = 1.0;

    /// <summary>Share of all request waiting caused by blockers above which the run is "blocked".</summary>
    public const double BlockedShare = 0.3;

    /// <summary>Share of latency that waiting must reach for blockers to define the run: when waiting
    /// is a sliver of latency (a cold start's first steps in an I/O-bound run), the blockers are
    /// named, but the run is not "blocked".</summary>
    public const double MaterialWaitingShare = 0.05;

    public static RunVerdict Build(VerdictInput input)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["utilizationPercent"] = Round(input.Utilization * 100, 1),
            ["waitingP99Ms"] = Round(input.WaitingP99Ms, 3),
            ["waitingShareOfLatencyPercent"] = Round(WaitingShare(input) * 100, 1),
        };
        if (input.Requests == 0)
        {
            return new RunVerdict("no-data", "No data: the run completed no requests.", figures);
        }

        var waitingSlope = Slope(input.Series.Select(s => (s.Seconds, s.WaitingP99Ms)));
        var backlogSlope = Slope(input.Series.Select(s => (s.Seconds, (double)s.InFlight)));
        figures["waitingGrowthMsPerSecond"] = Round(waitingSlope, 2);
        figures["backlogGrowthPerSecond"] = Round(backlogSlope, 1);

        // A sweep exists to find where the loop stops keeping up: its steps are the reading.
        if (input.Sweep is { } sweep)
        {
            return SweepVerdict(input, sweep, figures);
        }

        var totalWaiting = input.WaitingMeanMs * input.Requests;
        var harmful = input.Blockers.FirstOrDefault() is { } candidate && totalWaiting > 0 && candidate.VictimWaitingMs >= BlockedShare * totalWaiting
            ? candidate
            : null;
        if (harmful is { } worst && WaitingShare(input) >= MaterialWaitingShare)
        {
            figures["blockerSteps"] = worst.Steps;
            figures["blockerMeanMs"] = Round(worst.MeanHeldMs, 1);
            figures["victims"] = worst.Victims;
            figures["meanWaitingPerVictimMs"] = Round(worst.MeanWaitingPerVictimMs, 1);
            return new RunVerdict(
                "blocked",
                Invariant($"Blocked: `{worst.Kind}` steps of {worst.MeanHeldMs:0.#} ms delayed {worst.Victims:N0} tasks by {worst.MeanWaitingPerVictimMs:0.#} ms on average ({worst.Steps:N0} such steps; {Math.Min(100, 100 * worst.VictimWaitingMs / totalWaiting):0} % of all waiting)."),
                figures);
        }

        var saturatedAt = input.Series.FirstOrDefault(s => s.Utilization >= SaturatedUtilization);
        var growing = waitingSlope >= GrowingMsPerSecond || backlogSlope >= 1;
        if (saturatedAt != default && growing)
        {
            var from = saturatedAt.Rate is { } rate ? Invariant($" from ~{rate:0} req/s") : "";
            figures["saturatedAtSeconds"] = Round(saturatedAt.Seconds, 1);
            if (saturatedAt.Rate is { } r)
            {
                figures["saturatedAtRate"] = Round(r, 0);
            }

            return new RunVerdict(
                "saturated",
                Invariant($"Saturated{from}: utilization {input.Utilization * 100:0} %, waiting grows {waitingSlope:0.#} ms per second and the backlog {backlogSlope:0.#} requests per second; {WaitingShare(input) * 100:0} % of latency is waiting."),
                figures);
        }

        // Blockers that caused most of a negligible waiting are still worth a name.
        var note = harmful is { } minor
            ? Invariant($" The worst blocker, `{minor.Kind}` steps of {minor.MeanHeldMs:0.#} ms, delayed {minor.Victims:N0} tasks by {minor.MeanWaitingPerVictimMs:0.#} ms on average.")
            : "";
        return new RunVerdict(
            "healthy",
            Invariant($"Healthy: utilization {input.Utilization * 100:0} %, waiting p99 {input.WaitingP99Ms:0.##} ms ({WaitingShare(input) * 100:0} % of latency).{note}"),
            figures);
    }

    /// <summary>A sweep reads by its steps: where saturation began (worst case) and the best case below it.</summary>
    private static RunVerdict SweepVerdict(VerdictInput input, SweepReport sweep, Dictionary<string, double> figures)
    {
        var best = sweep.Best is { } b
            ? Invariant($" Best case {b.Rate:0.#} req/s at utilization {b.Utilization * 100:0} % (waiting p99 {b.WaitingP99Ms:0.##} ms within the {b.BudgetMs:0.###} ms budget).")
            : Invariant($" No step kept waiting p99 within the {sweep.BudgetMs:0.###} ms budget.");
        if (sweep.Best is { } bestCase)
        {
            figures["bestRate"] = Round(bestCase.Rate, 1);
            figures["bestUtilizationPercent"] = Round(bestCase.Utilization * 100, 1);
        }

        if (sweep.KneeRate is { } knee)
        {
            figures["kneeRate"] = Round(knee, 1);
        }

        if (sweep.Worst is { } worst)
        {
            figures["saturatedAtRate"] = Round(worst.SaturationRate, 1);
            figures["waitingGrowthMsPerSecond"] = Round(worst.WaitingGrowthMsPerSecond, 2);
            figures["backlogGrowthPerSecond"] = Round(worst.BacklogGrowthPerSecond, 1);
            return new RunVerdict(
                "saturated",
                Invariant($"Saturated from ~{worst.SaturationRate:0} req/s: waiting p99 grows {worst.WaitingGrowthMsPerSecond:0.#} ms per second and the backlog {worst.BacklogGrowthPerSecond:0.#} requests per second; {WaitingShare(input) * 100:0} % of latency is waiting.{best}"),
                figures);
        }

        var top = sweep.Steps.LastOrDefault(s => s.Complete)?.OfferedRate ?? 0;
        return new RunVerdict(
            "healthy",
            Invariant($"Healthy up to {top:0} req/s: the loop kept up with every step (utilization {input.Utilization * 100:0} % over the run, waiting p99 {input.WaitingP99Ms:0.##} ms).{best}"),
            figures);
    }

    /// <summary>Least-squares slope of y over x; 0 with fewer than three points.</summary>
    internal static double Slope(IEnumerable<(double X, double Y)> points)
    {
        var list = points.Where(p => double.IsFinite(p.Y)).ToList();
        if (list.Count < 3)
        {
            return 0;
        }

        var meanX = list.Average(p => p.X);
        var meanY = list.Average(p => p.Y);
        var sxx = list.Sum(p => (p.X - meanX) * (p.X - meanX));
        return sxx == 0 ? 0 : list.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
    }

    private static double WaitingShare(VerdictInput input) =>
        input.LatencyMeanMs <= 0 ? 0 : Math.Clamp(input.WaitingMeanMs / input.LatencyMeanMs, 0, 1);

    private static double Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
