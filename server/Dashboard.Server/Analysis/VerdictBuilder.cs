using System.Globalization;
using Dashboard.Contracts.Runs;

namespace Dashboard.Server.Analysis;

/// <summary>
/// Reads a run in plain words: saturated (it did not get through what it offered, or kept the
/// loop full: achieved against offered, the drops, and where the backlog waited), blocked (by which
/// steps, delaying how many tasks by how much, when that waiting is material) or healthy (with the
/// figures), by the rules of <see cref="VerdictRules"/>. A sweep reads by its steps.
/// </summary>
internal static class VerdictBuilder
{
    public static RunVerdict Build(VerdictInput input)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["utilizationPercent"] = Round(input.Utilization * 100, 1),
            ["waitingP99Ms"] = Round(input.WaitingP99Ms, 3),
            ["waitingShareOfLatencyPercent"] = Round(WaitingShare(input) * 100, 1),
        };
        if (input.Requests == 0 && input.Dropped == 0)
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

        if (Shortfall(input) is { } shortfall)
        {
            return Saturated(input, shortfall, figures);
        }

        var totalWaiting = input.WaitingMeanMs * input.Requests;
        var harmful = input.Blockers.FirstOrDefault() is { } candidate && totalWaiting > 0 && candidate.VictimWaitingMs >= VerdictRules.BlockedShare * totalWaiting
            ? candidate
            : null;
        if (harmful is { } worst && WaitingShare(input) >= VerdictRules.MaterialWaitingShare)
        {
            figures["blockerSteps"] = worst.Steps;
            figures["blockerMeanMs"] = Round(worst.MeanHeldMs, 1);
            figures["victims"] = worst.Victims;
            figures["meanWaitingPerVictimMs"] = Round(worst.MeanWaitingPerVictimMs, 1);
            return new RunVerdict(
                "blocked",
                Invariant($"Blocked: `{worst.Kind}` steps of {worst.MeanHeldMs:0.#} ms delayed {worst.Victims:N0} tasks by {worst.MeanWaitingPerVictimMs:0.#} ms on average ({worst.Steps:N0} such steps; {Math.Min(100, 100 * worst.VictimWaitingMs / totalWaiting):0} % of all waiting, which is {WaitingShare(input) * 100:0} % of latency)."),
                figures);
        }

        var saturatedAt = input.Series.FirstOrDefault(s => s.Utilization >= VerdictRules.SaturatedUtilization);
        var growing = waitingSlope >= VerdictRules.GrowingMsPerSecond || backlogSlope >= VerdictRules.GrowingBacklogPerSecond;
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
                Invariant($"Saturated{from}: utilization {input.Utilization * 100:0} %, waiting grows {waitingSlope:0.#} ms per second and the backlog {backlogSlope:0.#} requests per second; {WaitingShare(input) * 100:0} % of latency is waiting. {WhereTheBacklogWaited(input)}"),
                figures);
        }

        // Blockers that caused most of a negligible waiting are still worth a name.
        var note = harmful is { } minor
            ? Invariant($" The worst blocker, `{minor.Kind}` steps of {minor.MeanHeldMs:0.#} ms, delayed {minor.Victims:N0} tasks by {minor.MeanWaitingPerVictimMs:0.#} ms on average.")
            : "";
        var achieved = input.OfferedPerSecond is { } offered ? Invariant($"{input.AchievedPerSecond:N0} of {offered:N0} requests/s answered, ") : "";
        return new RunVerdict(
            "healthy",
            Invariant($"Healthy: {achieved}utilization {input.Utilization * 100:0} %, waiting p99 {input.WaitingP99Ms:0.##} ms ({WaitingShare(input) * 100:0} % of latency).{note}"),
            figures);
    }

    /// <summary>Why the run did not get through what it offered, if it did not: drops, a shortfall of answers, a full loop.</summary>
    private static string? Shortfall(VerdictInput input)
    {
        var arrivals = input.Arrivals ?? input.Requests;
        if (input.Dropped > VerdictRules.HealthyDrops)
        {
            return "drops";
        }

        if (arrivals > 0 && input.Requests < VerdictRules.AchievedShare * arrivals)
        {
            return "shortfall";
        }

        // Every arrival may be answered in the end (the drain) while the rate fell far behind.
        if (input.OfferedPerSecond is > 0 and var offered && input.AchievedPerSecond < VerdictRules.AchievedShare * offered)
        {
            return "behind";
        }

        return input.Utilization >= VerdictRules.FullUtilization ? "full" : null;
    }

    private static RunVerdict Saturated(VerdictInput input, string reason, Dictionary<string, double> figures)
    {
        var arrivals = input.Arrivals ?? input.Requests;
        figures["dropped"] = input.Dropped;
        figures["answeredPercent"] = Round(arrivals > 0 ? 100.0 * input.Requests / arrivals : 0, 1);
        figures["engineWaitMeanMs"] = Round(input.EngineWaitMeanMs, 3);
        figures["loopWaitMeanMs"] = Round(input.WaitingMeanMs, 3);
        var rate = "";
        if (input.OfferedPerSecond is { } offered)
        {
            figures["offeredPerSecond"] = Round(offered, 1);
            figures["achievedPerSecond"] = Round(input.AchievedPerSecond, 1);
            rate = Invariant($"answered {input.AchievedPerSecond:N0} of the {offered:N0} requests/s offered ({(offered > 0 ? 100 * input.AchievedPerSecond / offered : 0):0} %); ");
        }

        var drops = input.Dropped > 0
            ? Invariant($"{input.Dropped:N0} arrivals dropped at the in-flight cap ({100.0 * input.Dropped / Math.Max(1, arrivals):0} %); ")
            : reason == "shortfall" ? Invariant($"{input.Requests:N0} of {arrivals:N0} arrivals answered; ") : "";
        return new RunVerdict(
            "saturated",
            Invariant($"Saturated: {rate}{drops}loop utilization {input.Utilization * 100:0.#} %. {WhereTheBacklogWaited(input)}"),
            figures);
    }

    /// <summary>
    /// In the engine, queued for a free connection (the send came late); on the loop, ready but not
    /// running; or neither: asleep on the server, behind offloaded work or I/O (what is left of latency).
    /// </summary>
    private static string WhereTheBacklogWaited(VerdictInput input)
    {
        var asleep = Math.Max(0, input.LatencyMeanMs - input.EngineWaitMeanMs - input.WaitingMeanMs);
        if (asleep > input.EngineWaitMeanMs && asleep > input.WaitingMeanMs)
        {
            return Invariant($"The backlog waited on the server but not on the loop: {Ms(asleep)} of the mean latency was neither spent queued in the engine ({Ms(input.EngineWaitMeanMs)}) nor waiting on the loop ({Ms(input.WaitingMeanMs)}), so it went to offloaded work or I/O that could not keep up (corrected latency p50 {Ms(input.LatencyP50Ms)}).");
        }

        return input.EngineWaitMeanMs > input.WaitingMeanMs
            ? Invariant($"The backlog waited in the engine for a connection: {Ms(input.EngineWaitMeanMs)} on average before the send, against {Ms(input.WaitingMeanMs)} waiting on the loop (corrected latency p50 {Ms(input.LatencyP50Ms)}).")
            : Invariant($"The backlog waited on the loop: {Ms(input.WaitingMeanMs)} on average in the ready queue, against {Ms(input.EngineWaitMeanMs)} in the engine for a connection (corrected latency p50 {Ms(input.LatencyP50Ms)}).");
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

    /// <summary>A duration in the unit that reads best: "130 ms", "4.5 s".</summary>
    private static string Ms(double ms) => ms >= 1_000 ? Invariant($"{ms / 1_000:0.#} s") : Invariant($"{ms:0.##} ms");

    private static double Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
