using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Contracts.Scenarios;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Html;

/// <summary>
/// The run as one self-contained HTML file: summary, verdict per threshold, charts as inline SVG,
/// the sweep's best and worst case, per-kind breakdowns, blockers with their victims, the slowest
/// sampled tasks with their trees, the scenario and the machine.
/// No script, no stylesheet or image from elsewhere: it opens from a file without network.
/// </summary>
internal sealed partial class HtmlReportExporter : RunExporterBase
{
    /// <summary>Slowest sampled tasks shown with their trees.</summary>
    public const int SlowestTasks = 10;

    // The scenario as its author wrote it (no \u003C escapes): the HTML encoding makes it safe here.
    private static readonly JsonSerializerOptions ReadableJson = new(ScenarioJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string ApiFile => "report.html";

    public override string ContentType => "text/html; charset=utf-8";

    protected override string Extension => ".html";

    public override void Export(RunRecord run, Stream output)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(run));
        output.Write(bytes);
    }

    public static string Render(RunRecord run)
    {
        var html = new HtmlText();
        var info = run.Info;
        html.Line("<!DOCTYPE html>")
            .Line("<html lang=\"en\">")
            .Line("<head>")
            .Line("<meta charset=\"utf-8\">")
            .Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text($"{info.Scenario} · run {info.Id}").Line("</title>")
            .Raw("<style>\n").Raw(ReportStyles.Css).Line("\n</style>")
            .Line("</head>")
            .Line("<body>");
        Header(html, run);
        KeyFigures(html, run);
        Thresholds(html, run);
        Shutdown(html, run);
        Charts(html, run);
        Sweep(html, run);
        Kinds(html, run);
        ProcessPool(html, run);
        Agents(html, run);
        Blockers(html, run);
        Slowest(html, run);
        Scenario(html, run);
        Environment(html, run);
        html.Raw("<footer>Loop dashboard report of run ").Text(info.Id)
            .Line(". Figures come from the run's stored intervals and sampled tasks; times in milliseconds unless marked.</footer>")
            .Line("</body>")
            .Line("</html>");
        return html.ToString();
    }

    private static void Header(HtmlText html, RunRecord run)
    {
        var info = run.Info;
        var verdict = ReportFigures.Verdict(run);
        var verdictClass = verdict switch { "PASSED" or "NO THRESHOLDS" => "verdict pass", "FAILED" => "verdict fail", _ => "verdict" };
        html.Line("<header>")
            .Element("h1", info.Scenario)
            .Raw("<p class=\"lede\">").Text(info.Description ?? "").Line("</p>")
            .Raw("<p><span class=\"").Raw(verdictClass).Raw("\" data-verdict>").Text(verdict).Raw("</span> ")
            .Text($"{info.Status} · run {info.Id}").Line("</p>")
            .Raw(info.Verdict is { } reading ? $"<p class=\"reading\" data-reading=\"{HtmlText.Encode(reading.Kind)}\">{HtmlText.Encode(reading.Text)}</p>\n" : "")
            .Line("<dl class=\"facts\">")
            .Raw("<dt>Started</dt><dd>").Text(ReportFormat.Utc(info.StartedAt)).Line("</dd>")
            .Raw("<dt>Ended</dt><dd>").Text(info.EndedAt is { } ended ? ReportFormat.Utc(ended) : "—").Line("</dd>")
            .Raw("<dt>Duration</dt><dd>").Text($"{ReportFormat.Readable(info.ElapsedSeconds)} s of {ReportFormat.Readable(info.PlannedSeconds)} s planned").Line("</dd>")
            .Raw("<dt>Target</dt><dd>").Text(info.Target ?? "—").Line("</dd>");
        if (!string.IsNullOrEmpty(info.Message))
        {
            html.Raw("<dt>Message</dt><dd>").Text(info.Message).Line("</dd>");
        }

        foreach (var warning in run.Header.Summary?.Warnings ?? [])
        {
            html.Raw("<dt>Warning</dt><dd>").Text(warning).Line("</dd>");
        }

        html.Line("</dl>").Line("</header>");
    }

    private static void KeyFigures(HtmlText html, RunRecord run)
    {
        var key = run.Info.Key;
        var load = run.Header.Summary?.Load;
        var requests = load?.Requests ?? key.Requests;
        var failures = load?.Failures ?? ReportFigures.Measured(run).Sum(s => s.Load.Failures);
        html.Line("<section id=\"summary\">").Line("<h2>Summary</h2>").Line("<dl class=\"figures\">");
        Figure(html, "requests", "Requests", ReportFormat.Count(requests));
        Figure(html, "throughput", "Throughput", $"{ReportFormat.Readable(key.ThroughputPerSecond)} /s");
        Figure(html, "errors", "Errors", requests > 0 ? ReportFormat.Percent((double)failures / requests) : "—");
        Figure(html, "latency-p50", "Latency p50 (corrected)", $"{ReportFormat.Readable(key.LatencyP50Ms)} ms");
        Figure(html, "latency-p99", "Latency p99 (corrected)", $"{ReportFormat.Readable(key.LatencyP99Ms)} ms");
        if (load is not null)
        {
            Figure(html, "latency-max", "Latency max", $"{ReportFormat.Readable(load.Latency.Max)} ms");
            Figure(html, "raw-p99", "Latency p99 (raw)", $"{ReportFormat.Readable(load.RawLatency.P99)} ms");
            Figure(html, "dropped", "Dropped arrivals", ReportFormat.Count(load.Dropped));
        }

        if (run.Info.WarmUpSeconds > 0)
        {
            // What the cold start cost, beside the figures it is kept out of.
            var warm = run.Header.Summary?.WarmUp;
            var cost = warm is null ? "" : $", {ReportFormat.Count(warm.Requests)} requests, p99 {ReportFormat.Readable(warm.Latency.P99)} ms";
            Figure(html, "warm-up", "Warm-up (not counted)", $"{ReportFormat.Readable(run.Info.WarmUpSeconds)} s{cost}");
        }

        Figure(html, "waiting-p99", "Request waiting p99", $"{ReportFormat.Readable(key.WaitingP99Ms)} ms");
        Figure(html, "utilization", "Loop utilization", ReportFormat.Percent(key.LoopUtilization));
        if (run.Info.Prediction is { } prediction)
        {
            Figure(html, "waiting-measured", "Request waiting mean (measured)", $"{ReportFormat.Readable(prediction.MeasuredMeanMs)} ms");
            Figure(html, "waiting-mg1", "Predicted by M/G/1", Predicted(prediction.PredictedMgOneMs));
            Figure(html, "waiting-kingman", "Predicted by Kingman (G/G/1)", Predicted(prediction.PredictedKingmanMs));
        }

        html.Line("</dl>");
        if (run.Header.RequestTasks is { Count: > 0 } tasks)
        {
            html.Raw("<h3>Where the time of the run's ").Text(ReportFormat.Count(tasks.Count)).Line(" request tasks went (on the loop)</h3>")
                .Line("<table id=\"request-tasks\"><thead><tr><th>time</th><th>sum</th><th>mean</th><th>p50</th><th>p99</th><th>max</th><th>share</th></tr></thead><tbody>");
            var total = tasks.Awake.SumMs + tasks.Waiting.SumMs + tasks.Asleep.SumMs;
            foreach (var (name, figures) in (ReadOnlySpan<(string, Dashboard.Contracts.Loop.TimeFigures)>)[("awake", tasks.Awake), ("waiting", tasks.Waiting), ("asleep", tasks.Asleep)])
            {
                html.Raw("<tr><td>").Text(name).Raw("</td>")
                    .Raw("<td>").Text(ReportFormat.Readable(figures.SumMs)).Raw("</td>")
                    .Raw("<td>").Text(ReportFormat.Readable(figures.MeanMs)).Raw("</td>")
                    .Raw("<td>").Text(ReportFormat.Readable(figures.P50Ms)).Raw("</td>")
                    .Raw("<td>").Text(ReportFormat.Readable(figures.P99Ms)).Raw("</td>")
                    .Raw("<td>").Text(ReportFormat.Readable(figures.MaxMs)).Raw("</td>")
                    .Raw("<td>").Text(total > 0 ? ReportFormat.Percent(figures.SumMs / total) : "—").Line("</td></tr>");
            }

            html.Line("</tbody></table>");
        }

        html.Line("</section>");
    }

    /// <summary>An infinite prediction means the loop had no steady state (utilization at or above 1).</summary>
    private static string Predicted(double? ms) => ms is { } value ? $"{ReportFormat.Readable(value)} ms" : "unbounded (ρ ≥ 1)";

    private static void Figure(HtmlText html, string id, string label, string value) =>
        html.Raw("<div data-figure=\"").Raw(id).Raw("\"><dt>").Text(label).Raw("</dt><dd>").Text(value).Line("</dd></div>");

    private static void Thresholds(HtmlText html, RunRecord run)
    {
        html.Line("<section id=\"thresholds\">").Line("<h2>Thresholds</h2>");
        var rows = ReportFigures.Thresholds(run, out var final);
        if (rows.Count == 0)
        {
            html.Line("<p class=\"empty\">The scenario sets no thresholds.</p></section>");
            return;
        }

        if (!final)
        {
            html.Line("<p class=\"lede\">The run has no final verdict; these are the thresholds' states at its last stored interval.</p>");
        }

        html.Line("<table><thead><tr><th>threshold</th><th>actual</th><th class=\"text\">verdict</th><th class=\"text\">detail</th></tr></thead><tbody>");
        foreach (var (expression, passed, actual, message) in rows)
        {
            var (text, css) = ThresholdVerdict(passed);
            html.Raw("<tr><td>").Text(expression).Raw("</td><td>").Text(ReportFormat.Number(actual))
                .Raw("</td><td class=\"").Raw(css).Raw("\" data-threshold-verdict>").Text(text).Raw("</td><td class=\"text\">").Text(message ?? "").Line("</td></tr>");
        }

        html.Line("</tbody></table>").Line("</section>");
    }

    /// <summary>A threshold's verdict in words and the cell's class: pass, fail or not judged.</summary>
    internal static (string Text, string Css) ThresholdVerdict(bool? passed) =>
        passed switch { true => ("pass", "text pass"), false => ("fail", "text fail"), null => ("not judged", "text") };

    private static void Scenario(HtmlText html, RunRecord run) =>
        html.Line("<section id=\"scenario\">").Line("<h2>Scenario</h2>")
            .Raw("<pre>").Text(JsonSerializer.Serialize(run.Header.Scenario, ReadableJson)).Line("</pre>")
            .Line("</section>");

    private static void Environment(HtmlText html, RunRecord run)
    {
        var environment = run.Header.Environment;
        var summary = run.Header.Summary;
        html.Line("<section id=\"environment\">").Line("<h2>Environment</h2>").Line("<dl class=\"facts\">")
            .Raw("<dt>Operating system</dt><dd>").Text(environment.Os).Line("</dd>")
            .Raw("<dt>Architecture</dt><dd>").Text(environment.Architecture).Line("</dd>")
            .Raw("<dt>Cores</dt><dd>").Text(ReportFormat.Integer(environment.Cores)).Line("</dd>")
            .Raw("<dt>.NET</dt><dd>").Text(environment.Runtime).Line("</dd>")
            .Raw("<dt>Dashboard version</dt><dd>").Text(environment.AppVersion).Line("</dd>");
        if (summary is not null)
        {
            html.Raw("<dt>Seed</dt><dd>").Text(ReportFormat.Integer(summary.Seed)).Line("</dd>")
                .Raw("<dt>Intervals</dt><dd>").Text($"{ReportFormat.Integer(summary.Intervals)} ({ReportFormat.Integer(run.Snapshots.Count)} stored)").Line("</dd>");
        }

        html.Line("</dl>").Line("</section>");
    }
}
