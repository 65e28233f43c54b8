using Dashboard.Contracts.Loop;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Html;

internal sealed partial class HtmlReportExporter
{
    /// <summary>For a run the host's shutdown cut off: the grace period, and the tasks still alive when it ended.</summary>
    private static void Shutdown(HtmlText html, RunRecord run)
    {
        if (run.Info.Shutdown is not { } shutdown)
        {
            return;
        }

        html.Line("<section id=\"shutdown\">").Line("<h2>Cut off by the host's shutdown</h2>")
            .Raw("<p class=\"lede\">").Text(
                $"The host was asked to stop while the run was going. The loop server stopped accepting and the run stopped sending; " +
                $"the {ReportFormat.Count(shutdown.RequestsInFlightAtStart)} request(s) in flight had {ReportFormat.Readable(shutdown.GraceSeconds)} s to finish, " +
                $"and {ReportFormat.Count(shutdown.RequestsInFlightAtDeadline)} were still unanswered then. " +
                $"{ReportFormat.Count(shutdown.TasksAlive)} task(s) were still alive at the deadline (fire-and-forget children included) and were cancelled with the loops" +
                (shutdown.Tasks.Count < shutdown.TasksAlive ? $"; the oldest {ReportFormat.Count(shutdown.Tasks.Count)} are listed." : "."))
            .Line("</p>");
        if (shutdown.Tasks.Count > 0)
        {
            html.Line("<table id=\"shutdown-tasks\"><thead><tr><th>task</th><th class=\"text\">kind</th><th class=\"text\">loop</th><th class=\"text\">state</th><th>age ms</th><th>awake ms</th><th>waiting ms</th><th>asleep ms</th><th>parent</th></tr></thead><tbody>");
            foreach (var task in shutdown.Tasks)
            {
                html.Raw("<tr><td>").Text($"{task.Name} #{task.Id}").Raw("</td><td class=\"text\">").Text(task.Kind)
                    .Raw("</td><td class=\"text\">").Text(LoopNames.Of(task.Loop)).Raw("</td><td class=\"text\">").Text(task.State)
                    .Raw("</td><td>").Text(ReportFormat.Readable(task.AgeMs)).Raw("</td><td>").Text(ReportFormat.Readable(task.AwakeMs))
                    .Raw("</td><td>").Text(ReportFormat.Readable(task.WaitingMs)).Raw("</td><td>").Text(ReportFormat.Readable(task.AsleepMs))
                    .Raw("</td><td>").Text(task.ParentId == 0 ? "—" : "#" + ReportFormat.Integer(task.ParentId)).Line("</td></tr>");
            }

            html.Line("</tbody></table>");
        }

        html.Line("</section>");
    }
}
