using Dashboard.Contracts.Runs;

namespace Dashboard.Server.Cli;

/// <summary>The sweep block of a headless run's summary: one line per step, then the best case,
/// the knee and the worst case in words.</summary>
internal static class SweepTable
{
    public static void Write(StringWriter w, SweepReport sweep)
    {
        w.WriteLine();
        w.WriteLine($"  sweep ({sweep.Status}, {sweep.Steps.Count} of {sweep.PlannedSteps} steps; waiting budget {sweep.BudgetMs:0.###} ms from {sweep.BudgetSource})");
        w.WriteLine("    offered  achieved   util  waiting mean   p99   M/G/1 mean  Kingman mean  latency p99  backlog/s");
        foreach (var step in sweep.Steps)
        {
            var predicted = step.Prediction?.PredictedMgOneMs is { } p ? $"{p,10:0.00}" : "        ∞ ";
            var kingman = step.Prediction?.PredictedKingmanMs is { } k ? $"{k,12:0.00}" : "          ∞ ";
            var marks = (step.Saturated ? " saturated" : "") + (step.WithinBudget ? " within budget" : "") + (step.Complete ? "" : " (partial)");
            w.WriteLine($"    {step.OfferedRate,7:0.#}{step.AchievedRate,10:0.#}{step.Utilization * 100,6:0}%{step.Waiting.MeanMs,13:0.00}{step.Waiting.P99Ms,7:0.0}{predicted,13}{kingman,14}{step.Latency.P99Ms,13:0.0}{step.BacklogGrowthPerSecond,11:0.0}{marks}");
        }

        w.WriteLine(sweep.Best is { } best
            ? $"    best case   {best.Rate:0.#} req/s at utilization {best.Utilization * 100:0} % (waiting p99 {best.WaitingP99Ms:0.###} ms within {best.BudgetMs:0.###} ms)"
            : $"    best case   none: no step kept waiting p99 within {sweep.BudgetMs:0.###} ms");
        w.WriteLine(sweep.KneeRate is { } knee ? $"    knee        {knee:0.#} req/s (the highest step the loop kept up with)" : "    knee        none: the loop did not keep up with the first step");
        if (sweep.Worst is { } worst)
        {
            w.WriteLine($"    worst case  saturated from {worst.SaturationRate:0.#} req/s: waiting p99 +{worst.WaitingGrowthMsPerSecond:0.#} ms/s, backlog +{worst.BacklogGrowthPerSecond:0.#} req/s, latency p99 +{worst.LatencyGrowthMsPerSecond:0.#} ms/s");
        }
    }
}
