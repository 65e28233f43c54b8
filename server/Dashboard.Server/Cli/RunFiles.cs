using Dashboard.Server.History;
using Dashboard.Server.Reports;
using Dashboard.Server.Reports.Latency;
using Dashboard.Server.Storage;

namespace Dashboard.Server.Cli;

/// <summary>
/// The files a run leaves in <c>--out DIR</c>: the same reports the dashboard's
/// <c>/api/runs/{id}/report.html</c>, <c>report.json</c>, <c>report.csv.zip</c>,
/// <c>trace.json</c> and <c>latency.hlog</c> serve, byte for byte, under the same names (the
/// latency log when the run measured an interval). <c>report.json</c> replaces the
/// earlier summary and snapshots files: it holds the info, scenario, summary, request tasks and
/// every stored interval.
/// </summary>
internal static class RunFiles
{
    public static async Task<IReadOnlyList<string>> WriteAsync(RunRecord run, IReadOnlyList<LatencyInterval> latency, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>(RunExporters.All.Count + 1);
        foreach (var exporter in RunExporters.All)
        {
            var path = Path.Combine(directory, exporter.FileName(run));
            await File.WriteAllBytesAsync(path, exporter.ToBytes(run), cancellationToken);
            written.Add(path);
        }

        if (latency.Count > 0)
        {
            var path = Path.Combine(directory, LatencyLog.FileName(run.Info));
            await using (var file = File.Create(path))
            {
                LatencyLog.Write(run.Info, latency, file);
            }

            written.Add(path);
        }

        return written;
    }
}
