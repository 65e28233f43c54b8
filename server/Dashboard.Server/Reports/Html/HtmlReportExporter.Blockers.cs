using Dashboard.Contracts.Loop;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Html;

internal sealed partial class HtmlReportExporter
{
    /// <summary>
    /// Steps that held the loop past the slow-step threshold: the worst single blocks with their
    /// victims, then the same harm summed per blocker kind and split by the kinds it made wait.
    /// </summary>
    private static void Blockers(HtmlText html, RunRecord run)
    {
        var info = run.Info;
        if (info.Blockers.Count == 0 && info.WorstBlocks.Count == 0)
        {
            return;
        }

        html.Line("<section id=\"blockers\">").Line("<h2>Blockers and their victims</h2>")
            .Line("<p class=\"lede\">A blocker is one step that held the loop past the slow-step threshold. Its victims are the tasks that were ready while it ran " +
                "(queued before it, woken by a timer that came due, or made ready by another thread); each waited from when it became ready until the step ended.</p>");
        var byLoop = RunSeries.LoopCount(run) > 1;
        WorstBlocks(html, info.WorstBlocks, byLoop);
        BlockersByKind(html, info.Blockers, byLoop);
        html.Line("</section>");
    }

    /// <param name="byLoop">Name each block's loop (the run was spread over several; a block holds its own loop only).</param>
    private static void WorstBlocks(HtmlText html, IReadOnlyList<SlowStepInfo> blocks, bool byLoop)
    {
        html.Line("<h3>Worst blocks</h3>");
        if (blocks.Count == 0)
        {
            html.Line("<p class=\"empty\">No single block was kept for this run.</p>");
            return;
        }

        html.Raw("<table id=\"worst-blocks\"><thead><tr>").Raw(byLoop ? "<th class=\"text\">loop</th>" : "").Line("<th>task</th><th class=\"text\">kind</th><th>held ms</th><th>victims</th><th>waiting caused ms</th><th>per victim ms</th><th class=\"text\">victims by kind</th></tr></thead><tbody>");
        foreach (var block in blocks)
        {
            html.Raw("<tr data-block=\"").Text(ReportFormat.Integer(block.TaskId)).Raw("\">");
            LoopCell(html, byLoop, block.Loop);
            html.Raw("<td>").Text($"{block.TaskName} #{block.TaskId}")
                .Raw("</td><td class=\"text\">").Text(block.Kind).Raw("</td><td>").Text(ReportFormat.Readable(block.DurationMs))
                .Raw("</td><td>").Text(ReportFormat.Count(block.VictimCount)).Raw("</td><td>").Text(ReportFormat.Readable(block.VictimWaitingMs))
                .Raw("</td><td>").Text(block.VictimCount > 0 ? ReportFormat.Readable(block.VictimWaitingMs / block.VictimCount) : "—")
                .Raw("</td><td class=\"text\">")
                .Text(block.VictimKinds.Count == 0 ? "none" : string.Join(", ", block.VictimKinds.Select(k => $"{k.Kind} × {ReportFormat.Count(k.Count)} ({ReportFormat.Readable(k.WaitingMs)} ms)")))
                .Line("</td></tr>");
        }

        html.Line("</tbody></table>");
    }

    private static void BlockersByKind(HtmlText html, IReadOnlyList<Dashboard.Contracts.Runs.BlockerSummary> blockers, bool byLoop)
    {
        html.Line("<h3>Blocker by victim, per kind</h3>");
        if (blockers.Count == 0)
        {
            html.Line("<p class=\"empty\">No blocker kind was tallied for this run.</p>");
            return;
        }

        html.Line("<p class=\"lede\">Every slow step of a kind summed: how often that kind blocked, for how long, and which kinds of task paid for it, worst first.</p>")
            .Raw("<table id=\"blocker-kinds\"><thead><tr>").Raw(byLoop ? "<th class=\"text\">loop</th>" : "").Line("<th>blocker kind</th><th>slow steps</th><th>mean held ms</th><th>victims</th><th>victims' waiting ms</th><th>per victim ms</th><th class=\"text\">waiting by victim kind</th></tr></thead><tbody>");
        foreach (var blocker in blockers)
        {
            html.Raw("<tr>");
            LoopCell(html, byLoop, blocker.Loop);
            html.Raw("<td>").Text(blocker.Kind).Raw("</td><td>").Text(ReportFormat.Count(blocker.Steps)).Raw("</td><td>").Text(ReportFormat.Readable(blocker.MeanHeldMs))
                .Raw("</td><td>").Text(ReportFormat.Count(blocker.Victims)).Raw("</td><td>").Text(ReportFormat.Readable(blocker.VictimWaitingMs))
                .Raw("</td><td>").Text(ReportFormat.Readable(blocker.MeanWaitingPerVictimMs)).Raw("</td><td class=\"text\">")
                .Text(string.Join(", ", blocker.WaitingByVictimKind.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {ReportFormat.Readable(p.Value)} ms")))
                .Line("</td></tr>");
        }

        html.Line("</tbody></table>");
    }

    private static void LoopCell(HtmlText html, bool byLoop, int loop)
    {
        if (byLoop)
        {
            html.Raw("<td class=\"text\">").Text(LoopNames.Of(loop)).Raw("</td>");
        }
    }
}
