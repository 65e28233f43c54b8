using Dashboard.Contracts.Runs;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Html;

internal sealed partial class HtmlReportExporter
{
    private static void Kinds(HtmlText html, RunRecord run)
    {
        html.Line("<section id=\"kinds\">").Line("<h2>Per kind</h2>");
        if (run.Header.Summary?.Load.Kinds is { Count: > 0 } requestKinds)
        {
            html.Line("<h3>Request kinds (load side)</h3>")
                .Line("<table id=\"request-kinds\"><thead><tr><th>kind</th><th>requests</th><th>failures</th><th>dropped</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>max ms</th></tr></thead><tbody>");
            foreach (var kind in requestKinds)
            {
                html.Raw("<tr><td>").Text(kind.Name).Raw("</td><td>").Text(ReportFormat.Count(kind.Requests))
                    .Raw("</td><td>").Text(ReportFormat.Count(kind.Failures)).Raw("</td><td>").Text(ReportFormat.Count(kind.Dropped))
                    .Raw("</td><td>").Text(ReportFormat.Readable(kind.Latency.P50)).Raw("</td><td>").Text(ReportFormat.Readable(kind.Latency.P90))
                    .Raw("</td><td>").Text(ReportFormat.Readable(kind.Latency.P99)).Raw("</td><td>").Text(ReportFormat.Readable(kind.Latency.Max)).Line("</td></tr>");
            }

            html.Line("</tbody></table>");
        }

        var kinds = ReportFigures.TaskKinds(run);
        html.Line("<h3>Task kinds on the loop (over the stored intervals)</h3>");
        if (kinds[0].Count == 0)
        {
            html.Line("<p class=\"empty\">No task completed in the stored intervals.</p></section>");
            return;
        }

        html.Line("<table id=\"task-kinds\"><thead><tr><th>kind</th><th>tasks</th><th>faulted</th><th>awake ms</th><th>waiting ms</th><th>asleep ms</th><th class=\"text\">share</th><th>mean waiting ms</th><th>worst interval waiting p99 ms</th><th>max waiting ms</th></tr></thead><tbody>");
        foreach (var kind in kinds)
        {
            html.Raw("<tr data-kind=\"").Text(kind.Kind).Raw("\"><td>").Text(kind.Kind).Raw("</td><td>").Text(ReportFormat.Count(kind.Count))
                .Raw("</td><td>").Text(ReportFormat.Count(kind.Faulted))
                .Raw("</td><td>").Text(ReportFormat.Readable(kind.AwakeMs)).Raw("</td><td>").Text(ReportFormat.Readable(kind.WaitingMs))
                .Raw("</td><td>").Text(ReportFormat.Readable(kind.AsleepMs)).Raw("</td><td class=\"text\">");
            ShareBar(html, kind.Share(kind.AwakeMs), kind.Share(kind.WaitingMs), kind.Share(kind.AsleepMs));
            html.Raw("</td><td>").Text(ReportFormat.Readable(kind.Count > 0 ? kind.WaitingMs / kind.Count : 0))
                .Raw("</td><td>").Text(ReportFormat.Readable(kind.WorstWaitingP99Ms)).Raw("</td><td>").Text(ReportFormat.Readable(kind.WaitingMaxMs)).Line("</td></tr>");
        }

        html.Line("</tbody></table>").Line("</section>");
    }

    private static void Slowest(HtmlText html, RunRecord run)
    {
        var slowest = ReportFigures.Slowest(run, SlowestTasks);
        html.Line("<section id=\"slowest\">").Line("<h2>Slowest sampled tasks</h2>");
        if (slowest.Count == 0)
        {
            html.Line("<p class=\"empty\">No task was sampled.</p></section>");
            return;
        }

        html.Line("<p class=\"lede\">Each interval samples its slowest tasks and a few at random; these are the longest-lived of all samples, with their parents and children among the samples.</p>")
            .Line("<ol class=\"slowest\">");
        foreach (var slow in slowest)
        {
            var task = slow.Task.Task;
            html.Raw("<li data-task=\"").Text(ReportFormat.Integer(task.Id)).Raw("\"><div class=\"task-head\">").Text(task.Name)
                .Raw(" <span class=\"task-meta\">").Text($"#{task.Id} · {task.Kind} · {task.Outcome} · interval {slow.Task.Sequence} · {task.Reason}").Raw("</span></div>")
                .Raw("<div class=\"task-meta\">").Text(
                    $"lifetime {ReportFormat.Readable(task.LifetimeMs)} ms = awake {ReportFormat.Readable(task.AwakeMs)} + waiting {ReportFormat.Readable(task.WaitingMs)}" +
                    $" (timer lateness {ReportFormat.Readable(task.TimerLatenessMs)}) + asleep {ReportFormat.Readable(task.AsleepMs)} · {task.Steps} steps, longest {ReportFormat.Readable(task.LongestStepMs)} ms")
                .Line("</div>");
            SvgCharts.Timeline(html, task.Timeline, task.LifetimeMs);
            if (task.TimelineTruncated)
            {
                html.Line("<div class=\"task-meta\">Timeline truncated: the task had more spans than were kept.</div>");
            }

            Tree(html, slow);
            html.Line("</li>");
        }

        html.Line("</ol>").Line("</section>");
    }

    private static void Tree(HtmlText html, SlowTask slow)
    {
        html.Raw("<ul class=\"tree\">");
        if (slow.Ancestors.Count > 0)
        {
            foreach (var ancestor in slow.Ancestors.Reverse())
            {
                html.Raw("<li>parent: ");
                TaskLine(html, ancestor);
                html.Raw("</li>");
            }
        }
        else
        {
            html.Raw("<li>").Text($"parent #{slow.Task.Task.ParentId} (not sampled)").Raw("</li>");
        }

        if (slow.Children.Count == 0)
        {
            html.Raw("<li>no sampled children</li>");
        }

        foreach (var child in slow.Children)
        {
            html.Raw("<li>child: ");
            TaskLine(html, child);
            html.Raw("</li>");
        }

        html.Line("</ul>");
    }

    private static void TaskLine(HtmlText html, TaskSample task) =>
        html.Text($"{task.Name} #{task.Id} ({task.Kind}): {ReportFormat.Readable(task.LifetimeMs)} ms = " +
            $"awake {ReportFormat.Readable(task.AwakeMs)} + waiting {ReportFormat.Readable(task.WaitingMs)} + asleep {ReportFormat.Readable(task.AsleepMs)}");

    private static void ShareBar(HtmlText html, double awake, double waiting, double asleep) =>
        html.Raw("<span class=\"shares\" title=\"").Text($"awake {ReportFormat.Percent(awake)}, waiting {ReportFormat.Percent(waiting)}, asleep {ReportFormat.Percent(asleep)}").Raw("\">")
            .Raw(Share(awake, SvgCharts.AwakeColor)).Raw(Share(waiting, SvgCharts.WaitingColor)).Raw(Share(asleep, SvgCharts.AsleepColor)).Raw("</span>");

    private static string Share(double fraction, string color) =>
        $"<span style=\"width:{ReportFormat.Number(100 * Math.Clamp(fraction, 0, 1))}%;background:{color}\"></span>";
}
