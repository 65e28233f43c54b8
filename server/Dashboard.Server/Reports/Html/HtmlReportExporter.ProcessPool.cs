using Dashboard.Contracts.Loop;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Html;

internal sealed partial class HtmlReportExporter
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>For a run with <c>process</c> steps: the pool's jobs, the hop in four parts, and the memory it cost beside the host's.</summary>
    private static void ProcessPool(HtmlText html, RunRecord run)
    {
        if (run.Info.ProcessPool is not { } pool)
        {
            return;
        }

        html.Line("<section id=\"process-pool\">").Line("<h2>Process pool</h2>")
            .Raw("<p class=\"lede\">").Text(
                $"The run's process steps computed in the host's worker processes: {ReportFormat.Count(pool.Jobs)} job(s) answered, " +
                $"{ReportFormat.Count(pool.Failed)} failed, {ReportFormat.Count(pool.Restarts)} worker(s) restarted. " +
                $"Each request slept on its loop for the whole hop ({HopParts.Then}).")
            .Line("</p>");
        html.Line("<table id=\"process-hop\"><thead><tr><th class=\"text\">part of the hop</th><th>mean ms</th></tr></thead><tbody>");
        foreach (var (key, description) in HopParts.All)
        {
            html.Raw("<tr><td class=\"text\">").Text(description).Raw("</td><td>").Text(ReportFormat.Readable(pool.MeanMsOf(key))).Line("</td></tr>");
        }

        html.Line("</tbody></table>");
        html.Line("<table id=\"process-memory\"><thead><tr><th class=\"text\">resident memory at the end</th><th>MB</th></tr></thead><tbody>");
        html.Raw("<tr><td class=\"text\">").Text($"{ReportFormat.Count(pool.Workers)} worker process(es), a runtime apiece")
            .Raw("</td><td>").Text(ReportFormat.Readable(pool.WorkersMemoryBytes / Megabyte)).Line("</td></tr>");
        html.Raw("<tr><td class=\"text\">").Text($"the host, whose thread pool has {ReportFormat.Count(pool.ThreadPoolThreads)} thread(s) sharing its memory")
            .Raw("</td><td>").Text(ReportFormat.Readable(pool.HostMemoryBytes / Megabyte)).Line("</td></tr>");
        html.Line("</tbody></table>").Line("</section>");
    }
}
