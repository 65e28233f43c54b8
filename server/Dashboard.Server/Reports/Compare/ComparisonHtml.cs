using System.Text;
using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Reports.Html;

namespace Dashboard.Server.Reports.Compare;

/// <summary>Two runs in one self-contained HTML file: their key figures side by side and their series overlaid (A solid, B dashed).</summary>
internal static class ComparisonHtml
{
    private const string ColorA = "#1f77b4";
    private const string ColorB = "#e8833a";

    public static string FileName(RunRecord a, RunRecord b) =>
        $"compare-{RunExporterBase.Stem(a.Info)}-vs-{RunExporterBase.Slug(b.Info.Id, 64)}.html";

    public static byte[] Export(RunRecord a, RunRecord b) =>
        new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(a, b, RunComparer.Compare(a, b)));

    public static string Render(RunRecord a, RunRecord b, RunComparison comparison)
    {
        var html = new HtmlText();
        html.Line("<!DOCTYPE html>").Line("<html lang=\"en\">").Line("<head>").Line("<meta charset=\"utf-8\">")
            .Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text($"Compare {a.Info.Id} and {b.Info.Id}").Line("</title>")
            .Raw("<style>\n").Raw(ReportStyles.Css).Line("\n</style>").Line("</head>").Line("<body>")
            .Line("<header>").Line("<h1>Comparing two runs</h1>").Line("<dl class=\"facts\">");
        RunLine(html, "A (solid)", a);
        RunLine(html, "B (dashed)", b);
        html.Line("</dl>");
        if (comparison.Note is { } note)
        {
            html.Raw("<p class=\"lede\" id=\"note\">").Text(note).Line("</p>");
        }

        html.Line("</header>");

        html.Line("<section id=\"figures\">").Line("<h2>Key figures</h2>")
            .Line("<table><thead><tr><th>figure</th><th class=\"text\">unit</th><th>A</th><th>B</th><th>B − A</th><th>change</th><th class=\"text\">better</th></tr></thead><tbody>");
        foreach (var figure in comparison.Figures)
        {
            html.Raw("<tr><td>").Text(figure.Name).Raw("</td><td class=\"text\">").Text(figure.Unit)
                .Raw("</td><td>").Text(Value(figure.A)).Raw("</td><td>").Text(Value(figure.B))
                .Raw("</td><td>").Text(Value(figure.Difference)).Raw("</td><td>").Text(figure.RelativeChange is { } r ? ReportFormat.Percent(r) : "")
                .Raw("</td><td class=\"text\">").Text(figure.Better).Line("</td></tr>");
        }

        html.Line("</tbody></table>").Line("</section>");
        Thresholds(html, comparison);
        html.Line("<section id=\"charts\">").Line("<h2>Over time</h2>").Line("<div class=\"charts\">");
        Overlay(html, "throughput", "Throughput", "requests/s", a, b, RunSeries.Throughput);
        Overlay(html, "latency-p99", "Latency p99 (corrected)", "ms", a, b, s => RunSeries.Corrected(s, l => l.P99Ms));
        Overlay(html, "latency-p50", "Latency p50 (corrected)", "ms", a, b, s => RunSeries.Corrected(s, l => l.P50Ms));
        Overlay(html, "utilization", "Loop utilization", "%", a, b, RunSeries.UtilizationPercent);
        Overlay(html, "queue", "Ready-queue depth (max)", "tasks", a, b, RunSeries.ReadyDepthMax);
        Overlay(html, "waiting-share", "Waiting share of completed tasks' time", "%", a, b, RunSeries.WaitingSharePercent);
        Overlay(html, "waiting-p99", "Waiting p99 of completed tasks", "ms", a, b, RunSeries.WaitingP99);
        html.Line("</div>").Line("</section>")
            .Raw("<footer>Loop dashboard comparison of runs ").Text(a.Info.Id).Raw(" and ").Text(b.Info.Id).Line(".</footer>")
            .Line("</body>").Line("</html>");
        return html.ToString();
    }

    private static void Thresholds(HtmlText html, RunComparison comparison)
    {
        html.Line("<section id=\"thresholds\">").Line("<h2>Thresholds</h2>");
        if (comparison.Thresholds.Count == 0)
        {
            html.Line("<p class=\"empty\">Neither scenario sets thresholds.</p></section>");
            return;
        }

        html.Line("<table><thead><tr><th>threshold</th><th>A actual</th><th class=\"text\">A</th><th>B actual</th><th class=\"text\">B</th></tr></thead><tbody>");
        foreach (var threshold in comparison.Thresholds)
        {
            html.Raw("<tr><td>").Text(threshold.Expression).Raw("</td>");
            foreach (var state in (ReadOnlySpan<ThresholdState?>)[threshold.A, threshold.B])
            {
                var (text, css) = state is null ? ("not set", "text") : HtmlReportExporter.ThresholdVerdict(state.Passed);
                html.Raw("<td>").Text(ReportFormat.Number(state?.Actual)).Raw("</td><td class=\"").Raw(css).Raw("\">").Text(text).Raw("</td>");
            }

            html.Line("</tr>");
        }

        html.Line("</tbody></table>").Line("</section>");
    }

    private static void RunLine(HtmlText html, string label, RunRecord run) =>
        html.Raw("<dt>").Text(label).Raw("</dt><dd>").Text(
            $"{run.Info.Scenario} · run {run.Info.Id} · {run.Info.Status} · thresholds {ReportFigures.Verdict(run)}{(run.Info.Verdict is { } verdict ? " · " + verdict.Kind : "")} · started {ReportFormat.Utc(run.Info.StartedAt)}").Line("</dd>");

    private static void Overlay(HtmlText html, string id, string title, string unit, RunRecord a, RunRecord b, Func<RunSnapshot, double?> series) =>
        SvgCharts.Lines(html, id, title, unit,
        [
            new ChartLine($"A · {a.Info.Scenario}", ColorA, RunSeries.Of(a, series)),
            new ChartLine($"B · {b.Info.Scenario}", ColorB, RunSeries.Of(b, series), Dashed: true),
        ]);

    private static string Value(double? value) => value is { } v ? ReportFormat.Readable(v) : "—";
}
