using System.Text;
using Dashboard.Server.Reports;
using Dashboard.Server.Reports.Csv;
using Dashboard.Server.Reports.Html;
using Dashboard.Server.Reports.Json;
using Dashboard.Server.Reports.Trace;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests.Reports;

/// <summary>Every format of a fixed run, against its approved file (Reports/Approved).</summary>
public sealed class ExporterApprovalTests
{
    [Fact]
    public void HtmlExporter_FixedRun_MatchesApprovedFile() =>
        Approvals.Verify(Export(new HtmlReportExporter()), "io-bound.approved.html");

    [Fact]
    public void JsonExporter_FixedRun_MatchesApprovedFile() =>
        Approvals.Verify(Export(new JsonReportExporter()), "io-bound.approved.json");

    [Fact]
    public void TraceExporter_FixedRun_MatchesApprovedFile() =>
        Approvals.Verify(Export(new TraceExporter()), "io-bound.approved.trace.json");

    [Theory]
    [InlineData(CsvReportExporter.Requests)]
    [InlineData(CsvReportExporter.History)]
    [InlineData(CsvReportExporter.Failures)]
    [InlineData(CsvReportExporter.TaskKinds)]
    [InlineData(CsvReportExporter.Tasks)]
    [InlineData(CsvReportExporter.Thresholds)]
    public void CsvExporter_FixedRun_EachFileMatchesApprovedFile(string file)
    {
        var text = CsvReportExporter.Files(TestRuns.Fixed()).Single(f => f.Name == file).Text;

        Approvals.Verify(text, "io-bound." + file.Replace(".csv", ".approved.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void Exporters_SameRunTwice_GiveTheSameBytes()
    {
        foreach (var exporter in RunExporters.All)
        {
            Assert.Equal(exporter.ToBytes(TestRuns.Fixed()), exporter.ToBytes(TestRuns.Fixed()));
        }
    }

    private static string Export(IRunExporter exporter) => Encoding.UTF8.GetString(exporter.ToBytes(TestRuns.Fixed()));
}
