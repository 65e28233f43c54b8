using Dashboard.Client.Charts;
using Dashboard.Contracts.Loop;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Html;

internal sealed partial class HtmlReportExporter
{
    private static void Charts(HtmlText html, RunRecord run)
    {
        var warmUp = run.Info.WarmUpSeconds;
        html.Line("<section id=\"charts\">").Line("<h2>Over time</h2>").Line("<div class=\"charts\">");
        SvgCharts.Lines(html, "throughput", "Throughput", "requests/s",
        [
            new ChartLine("answered", "#1f77b4", RunSeries.Of(run, RunSeries.Throughput)),
            new ChartLine("failed", "#d62728", RunSeries.Of(run, RunSeries.FailuresPerSecond)),
        ], warmUp);
        SvgCharts.Lines(html, "latency", "Latency percentiles", "ms",
        [
            new ChartLine("p50 corrected", "#1f77b4", RunSeries.Of(run, s => RunSeries.Corrected(s, l => l.P50Ms))),
            new ChartLine("p99 corrected", "#d62728", RunSeries.Of(run, s => RunSeries.Corrected(s, l => l.P99Ms))),
            new ChartLine("p50 raw", "#1f77b4", RunSeries.Of(run, s => RunSeries.Raw(s, l => l.P50Ms)), Dashed: true),
            new ChartLine("p99 raw", "#d62728", RunSeries.Of(run, s => RunSeries.Raw(s, l => l.P99Ms)), Dashed: true),
        ], warmUp);
        var loops = RunSeries.LoopCount(run);
        SvgCharts.Lines(html, "utilization", "Loop utilization", "%",
        [
            new ChartLine(loops > 1 ? "all loops, busy share of wall time" : "busy share of wall time", "#6a3d9a", RunSeries.Of(run, RunSeries.UtilizationPercent)),
            .. PerLoop(loops, i => new ChartLine(LoopNames.Of(i), LoopLines.ColorOf(i), RunSeries.Of(run, s => RunSeries.LoopOf(s, i) is { } own ? 100 * own.Utilization : null))),
        ], warmUp);
        if (loops > 1)
        {
            SvgCharts.Lines(html, "loop-waiting", "Waiting p99 per loop", "ms",
                PerLoop(loops, i => new ChartLine(LoopNames.Of(i), LoopLines.ColorOf(i), RunSeries.Of(run, s => RunSeries.TasksOf(s, i)?.Waiting.P99Ms))).ToArray(), warmUp);
        }

        SvgCharts.Lines(html, "queue", "Ready-queue depth", "tasks",
        [
            new ChartLine("max per interval", "#b15928", RunSeries.Of(run, RunSeries.ReadyDepthMax)),
            new ChartLine("mean", "#b15928", RunSeries.Of(run, RunSeries.ReadyDepthMean), Dashed: true),
        ], warmUp);
        SvgCharts.Shares(html, "shares", "Awake / waiting / asleep share of completed tasks", ReportFigures.Shares(run), warmUp);
        SvgCharts.Bars(html, "waiting-distribution", "Waiting time of the run's request tasks", run.Header.Distributions.RequestWaiting, SvgCharts.WaitingColor);
        SvgCharts.Bars(html, "latency-distribution", "Latency (corrected) distribution", run.Header.Distributions.Latency, "#1f77b4");
        html.Line("</div>").Line("</section>");
    }

    private static IEnumerable<ChartLine> PerLoop(int loops, Func<int, ChartLine> line) =>
        loops > 1 ? Enumerable.Range(0, loops).Select(line) : [];
}
