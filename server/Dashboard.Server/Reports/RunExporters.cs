using Dashboard.Server.Reports.Csv;
using Dashboard.Server.Reports.Html;
using Dashboard.Server.Reports.Json;
using Dashboard.Server.Reports.Trace;

namespace Dashboard.Server.Reports;

/// <summary>The four formats a run downloads as, from the dashboard and from <c>run --out DIR</c> alike.</summary>
internal static class RunExporters
{
    public static IReadOnlyList<IRunExporter> All { get; } =
    [
        new HtmlReportExporter(),
        new JsonReportExporter(),
        new CsvReportExporter(),
        new TraceExporter(),
    ];

    public static IRunExporter? ForApiFile(string file) =>
        All.FirstOrDefault(e => string.Equals(e.ApiFile, file, StringComparison.Ordinal));

    public static byte[] ToBytes(this IRunExporter exporter, Dashboard.Server.History.RunRecord run)
    {
        using var buffer = new MemoryStream();
        exporter.Export(run, buffer);
        return buffer.ToArray();
    }
}
