using Dashboard.Contracts.Runs;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Html;

internal sealed partial class HtmlReportExporter
{
    private const string WaitingP99Color = "#d64545";
    private const string LatencyP99Color = "#1f77b4";
    private const string PredictionColor = "#6a3d9a";
    private const string KingmanColor = "#2a9d8f";
    private const string KneeColor = "#b15928";
    private const string BestColor = "#1b7f3b";

    /// <summary>The sweep's best and worst case in words, its curve against offered rate, and every step.</summary>
    private static void Sweep(HtmlText html, RunRecord run)
    {
        if (run.Info.Sweep is not { } sweep)
        {
            return;
        }

        html.Line("<section id=\"sweep\">").Line("<h2>Sweep: best and worst case</h2>");
        SweepReading(html, sweep);
        SweepCurve(html, sweep);
        SweepSteps(html, sweep);
        html.Line("</section>");
    }

    private static void SweepReading(HtmlText html, SweepReport sweep)
    {
        var budget = $"{ReportFormat.Readable(sweep.BudgetMs)} ms ({sweep.BudgetSource})";
        html.Line("<ul class=\"sweep-reading\">");
        html.Raw("<li data-sweep=\"best\"><strong>Best case:</strong> ").Text(sweep.Best is { } best
            ? $"{ReportFormat.Readable(best.Rate)} requests/s at {ReportFormat.Percent(best.Utilization)} loop utilization, waiting p99 {ReportFormat.Readable(best.WaitingP99Ms)} ms within the budget of {budget}."
            : $"no step kept waiting p99 within the budget of {budget}.").Line("</li>");
        html.Raw("<li data-sweep=\"knee\"><strong>Knee:</strong> ").Text(sweep.KneeRate is { } knee
            ? $"the loop kept up to {ReportFormat.Readable(knee)} requests/s (achieved close to offered, backlog flat)."
            : "the loop kept up with no step.").Line("</li>");
        var highest = sweep.Steps.Count > 0 ? sweep.Steps.Max(s => s.OfferedRate) : 0;
        html.Raw("<li data-sweep=\"worst\"><strong>Worst case:</strong> ").Text(sweep.Worst is { } worst
            ? $"saturation began at {ReportFormat.Readable(worst.SaturationRate)} requests/s; beyond it waiting grew {ReportFormat.Readable(worst.WaitingGrowthMsPerSecond)} ms per second of run, " +
              $"the backlog {ReportFormat.Readable(worst.BacklogGrowthPerSecond)} requests per second and latency {ReportFormat.Readable(worst.LatencyGrowthMsPerSecond)} ms per second."
            : $"not reached: the loop kept up at every rate tried, up to {ReportFormat.Readable(highest)} requests/s.").Line("</li>");
        html.Raw("<li data-sweep=\"stop\"><strong>Stop:</strong> ").Text(StopText(sweep)).Line("</li>");
        if (sweep.WarmUpSeconds > 0)
        {
            html.Raw("<li data-sweep=\"warm-up\"><strong>Warm-up:</strong> ").Text(
                $"the first {ReportFormat.Readable(sweep.WarmUpSeconds)} s, until answers were coming back, counted in no step (connections opening, code compiling on first use).").Line("</li>");
        }

        html.Line("</ul>");
        html.Raw("<p class=\"lede\">").Text(
            "The predictions treat the loop as one first-come-first-served server with a steady state (utilization below 1): " +
            "M/G/1 assumes Poisson arrivals and takes each step's measured mean and variance of loop time per request; " +
            "Kingman's G/G/1 approximation also takes the arrivals' variability.").Line("</p>");
    }

    private static string StopText(SweepReport sweep)
    {
        var rule = $"the stop rule is an interval's waiting p99 over {ReportFormat.Readable(sweep.StopWaitingP99Ms)} ms, or the backlog growing {sweep.StopGrowingIntervals} intervals in a row";
        var measured = sweep.Steps.Count(s => s.Complete);
        return sweep.Status switch
        {
            "saturated" => $"the sweep stopped itself after {measured} of {sweep.PlannedSteps} planned steps: {sweep.StopReason ?? "the stop rule fired"} ({rule}).",
            "completed" => $"the sweep ran all {sweep.PlannedSteps} planned steps{(sweep.StopReason is { } reason ? ": " + reason : "")} ({rule}).",
            _ => $"the sweep was {sweep.Status} with {measured} of {sweep.PlannedSteps} planned steps measured{(sweep.StopReason is { } why ? ": " + why : "")} ({rule}).",
        };
    }

    private static void SweepCurve(HtmlText html, SweepReport sweep)
    {
        var steps = sweep.Steps;
        var markers = new List<ChartMarker>();
        if (sweep.KneeRate is { } knee)
        {
            markers.Add(new ChartMarker($"knee {ReportFormat.Readable(knee)}/s", knee, KneeColor));
        }

        if (sweep.Best is { } best)
        {
            markers.Add(new ChartMarker($"best case {ReportFormat.Readable(best.Rate)}/s", best.Rate, BestColor));
        }

        html.Line("<div class=\"charts\">");
        SvgCharts.LogCurve(html, "sweep", "Waiting and latency against offered rate", "ms", "requests/s",
        [
            new ChartLine("waiting p99", WaitingP99Color, steps.Select(s => (s.OfferedRate, s.Waiting.P99Ms)).ToArray()),
            new ChartLine("waiting mean", WaitingP99Color, steps.Select(s => (s.OfferedRate, s.Waiting.MeanMs)).ToArray(), Dashed: true),
            new ChartLine("latency p99", LatencyP99Color, steps.Select(s => (s.OfferedRate, s.Latency.P99Ms)).ToArray()),
            new ChartLine(
                "predicted mean waiting (M/G/1)",
                PredictionColor,
                steps.Where(s => s.Prediction?.PredictedMgOneMs is not null).Select(s => (s.OfferedRate, s.Prediction!.PredictedMgOneMs!.Value)).ToArray(),
                Dashed: true),
            // Kingman takes the arrivals' variability too: the model for evenly spaced arrivals
            // (for Poisson ones it lies on the M/G/1 line).
            new ChartLine(
                "predicted mean waiting (Kingman)",
                KingmanColor,
                steps.Where(s => s.Prediction?.PredictedKingmanMs is not null).Select(s => (s.OfferedRate, s.Prediction!.PredictedKingmanMs!.Value)).ToArray(),
                Dashed: true),
        ],
            markers);
        html.Line("</div>");
    }

    private static void SweepSteps(HtmlText html, SweepReport sweep)
    {
        html.Line("<table id=\"sweep-steps\"><thead><tr><th>step</th><th>offered /s</th><th>achieved /s</th><th>utilization</th>" +
            "<th>waiting mean ms</th><th>waiting p99 ms</th><th>awake mean ms</th><th>awake p99 ms</th><th>latency p50 ms</th><th>latency p99 ms</th>" +
            "<th>backlog growth /s</th><th>M/G/1 ms</th><th>Kingman ms</th><th class=\"text\">within budget</th><th class=\"text\">saturated</th></tr></thead><tbody>");
        foreach (var step in sweep.Steps)
        {
            var css = step.Saturated ? "saturated" : sweep.Best is { } best && step.OfferedRate == best.Rate ? "best" : null;
            html.Raw("<tr data-step=\"").Text(ReportFormat.Integer(step.Index)).Raw("\"").Raw(css is null ? "" : $" class=\"{css}\"").Raw("><td>")
                .Text(ReportFormat.Integer(step.Index + 1) + (step.Complete ? "" : sweep.Status == "running" ? " (running)" : " (cut short)"))
                .Raw("</td><td>").Text(ReportFormat.Readable(step.OfferedRate)).Raw("</td><td>").Text(ReportFormat.Readable(step.AchievedRate))
                .Raw("</td><td>").Text(ReportFormat.Percent(step.Utilization))
                .Raw("</td><td>").Text(ReportFormat.Readable(step.Waiting.MeanMs)).Raw("</td><td>").Text(ReportFormat.Readable(step.Waiting.P99Ms))
                .Raw("</td><td>").Text(ReportFormat.Readable(step.Awake.MeanMs)).Raw("</td><td>").Text(ReportFormat.Readable(step.Awake.P99Ms))
                .Raw("</td><td>").Text(ReportFormat.Readable(step.Latency.P50Ms)).Raw("</td><td>").Text(ReportFormat.Readable(step.Latency.P99Ms))
                .Raw("</td><td>").Text(ReportFormat.Readable(step.BacklogGrowthPerSecond))
                .Raw("</td><td>").Text(PredictedCell(step.Prediction, p => p.PredictedMgOneMs)).Raw("</td><td>").Text(PredictedCell(step.Prediction, p => p.PredictedKingmanMs))
                .Raw("</td><td class=\"text\">").Text(step.WithinBudget ? "yes" : "no").Raw("</td><td class=\"text\">").Text(step.Saturated ? "yes" : "no")
                .Line("</td></tr>");
        }

        html.Line("</tbody></table>");
    }

    /// <summary>A step's predicted waiting; a prediction without a value means utilization at or above 1 (no steady state).</summary>
    private static string PredictedCell(WaitingPrediction? prediction, Func<WaitingPrediction, double?> pick) => prediction switch
    {
        null => "—",
        _ when pick(prediction) is { } ms => ReportFormat.Readable(ms),
        _ => "∞ (ρ ≥ 1)",
    };
}
