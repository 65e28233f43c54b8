using Dashboard.Server.History;
using Dashboard.Server.Reports;

namespace Dashboard.Server.Cli;

/// <summary>
/// The files a run leaves in <c>--out DIR</c>: the same four reports the dashboard's
/// <c>/api/runs/{id}/report.html</c>, <c>report.json</c>, <c>report.csv.zip</c> and
/// <c>trace.json</c> serve, byte for byte, under the same names. <c>report.json</c> replaces the
/// earlier summary and snapshots files: it holds the info, scenario, summary, request tasks and
/// every stored interval.
/// </summary>
internal static class RunFiles
{
    public static async Task<IReadOnlyList<string>> WriteAsync(RunRecord run, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>(RunExporters.All.Count);
        foreach (var exporter in RunExporters.All)
        {
            var path = Path.Combine(directory, exporter.FileName(run));
            await File.WriteAllBytesAsync(path, exporter.ToBytes(run), cancellationToken);
            written.Add(path);
        }

        return written;
    }
}
