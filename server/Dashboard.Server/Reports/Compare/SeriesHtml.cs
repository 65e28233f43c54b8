using System.Text;
using Dashboard.Client.Comparing;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Reports.Html;

namespace Dashboard.Server.Reports.Compare;

/// <summary>A design series in one self-contained HTML file: the designs side by side, the rows and words of the series page (<see cref="SeriesRows"/>).</summary>
internal static class SeriesHtml
{
    public static string FileName(DesignSeries series) => $"designs-{RunExporterBase.Slug(series.Scenario, 48)}-{RunExporterBase.Slug(series.Id, 64)}.html";

    public static byte[] Export(DesignSeries series) =>
        new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(series));

    public static string Render(DesignSeries series)
    {
        var html = new HtmlText();
        html.Line("<!DOCTYPE html>").Line("<html lang=\"en\">").Line("<head>").Line("<meta charset=\"utf-8\">")
            .Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text($"{series.Scenario}: the designs side by side").Line("</title>")
            .Raw("<style>\n").Raw(ReportStyles.Css).Line("\n</style>").Line("</head>").Line("<body>")
            .Line("<header>").Raw("<h1>").Text($"{series.Scenario}: the designs side by side").Line("</h1>")
            .Raw("<p class=\"lede\" id=\"progress\">").Text($"The same load under each design, one run after another. {SeriesRows.Progress(series)}").Line("</p>")
            .Line("</header>");

        html.Line("<section id=\"designs\">").Line("<h2>Designs</h2>").Raw("<table><thead><tr><th class=\"text\">figure</th><th class=\"text\">unit</th>");
        for (var i = 0; i < series.Designs.Count; i++)
        {
            html.Raw("<th>").Text(series.Designs[i]);
            if (series.Runs[i] is { } run)
            {
                html.Raw("<br><span class=\"muted\">").Text(run.Id).Raw("</span>");
            }

            html.Raw("</th>");
        }

        html.Line("</tr></thead><tbody>");
        foreach (var row in SeriesRows.Of(series))
        {
            html.Raw($"<tr id=\"row-{row.Key}\"><td class=\"text\" title=\"").Text(row.Hint).Raw("\">").Text(row.Label).Raw("</td><td class=\"text\">").Text(row.Unit).Raw("</td>");
            foreach (var value in row.Values)
            {
                html.Raw(row.Key == "verdict" ? "<td class=\"text\">" : "<td>").Text(value).Raw("</td>");
            }

            html.Line("</tr>");
        }

        html.Line("</tbody></table>").Line("</section>")
            .Raw("<footer>Loop dashboard report of design series ").Text(series.Id)
            .Line(". Each design's own report has its charts, tasks and blockers.</footer>")
            .Line("</body>").Line("</html>");
        return html.ToString();
    }
}
