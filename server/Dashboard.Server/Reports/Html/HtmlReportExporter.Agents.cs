using Dashboard.Contracts.Runs;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Html;

internal sealed partial class HtmlReportExporter
{
    /// <summary>For a run on agents: which agent did what (its share, state and own figures), in the live page's words.</summary>
    private static void Agents(HtmlText html, RunRecord run)
    {
        if (run.Info.Agents is not { Count: > 0 } agents)
        {
            return;
        }

        html.Line("<section id=\"agents\">").Raw("<h2>").Text(RunAgentText.Title).Line("</h2>")
            .Raw("<p class=\"lede\">").Text(RunAgentText.Lede(agents.Count)).Line("</p>");
        html.Raw("<table id=\"agents-table\"><thead><tr>");
        for (var i = 0; i < RunAgentText.Columns.Count; i++)
        {
            html.Raw(i is >= 3 and <= 10 ? "<th>" : "<th class=\"text\">").Text(RunAgentText.Columns[i]).Raw("</th>");
        }

        html.Line("</tr></thead><tbody>");
        foreach (var agent in agents)
        {
            html.Raw("<tr><td class=\"text\">").Text(agent.Name)
                .Raw("</td><td class=\"text\">").Text(agent.Host)
                .Raw("</td><td class=\"text\">").Text(RunAgentText.State(agent.State))
                .Raw("</td><td>").Text(ReportFormat.Percent(agent.Share))
                .Raw("</td><td>").Text(ReportFormat.Count(agent.Requests))
                .Raw("</td><td>").Text(ReportFormat.Readable(agent.ThroughputPerSecond))
                .Raw("</td><td>").Text(ReportFormat.Percent(agent.ErrorRate))
                .Raw("</td><td>").Text(Optional(agent.LatencyP99Ms))
                .Raw("</td><td>").Text(Optional(agent.SendLatenessP99Ms))
                .Raw("</td><td>").Text(Optional(agent.ClockOffsetMs))
                .Raw("</td><td>").Text(ReportFormat.Count(agent.Intervals))
                .Raw("</td><td class=\"text\">").Text(agent.Message ?? "")
                .Line("</td></tr>");
        }

        html.Line("</tbody></table>").Line("</section>");

        static string Optional(double? value) => value is { } v ? ReportFormat.Readable(v) : "—";
    }
}
