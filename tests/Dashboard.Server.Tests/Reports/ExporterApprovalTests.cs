using System.Text;
using Dashboard.Server.History;
using Dashboard.Server.Reports;
using Dashboard.Server.Reports.Compare;
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

    [Fact]
    public void ComparisonHtml_TwoFixedRuns_MatchesApprovedFile()
    {
        var (a, b) = ComparedRuns();

        Approvals.Verify(Encoding.UTF8.GetString(ComparisonHtml.Export(a, b)), "compare.approved.html");
    }

    [Fact]
    public void ComparisonHtml_HostileScenarioName_IsEscaped()
    {
        var (a, _) = ComparedRuns();
        var hostile = TestRuns.Fixed(id: "20261123-211500-cccccc", scenario: TestRuns.HostileName);

        var html = Encoding.UTF8.GetString(ComparisonHtml.Export(a, hostile));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;", html);
        Assert.Equal("compare-run-20261123-201434-453443-io-bound-2026-11-23T2014-vs-20261123-211500-cccccc.html", ComparisonHtml.FileName(a, hostile));
    }

    /// <summary>The fixed run, and a second one at twice the load with a busier loop.</summary>
    internal static (RunRecord A, RunRecord B) ComparedRuns()
    {
        var a = TestRuns.Fixed();
        var second = TestRuns.Fixed(id: "20261123-203000-bbbbbb", scenario: "io-bound-busier");
        var b = second with
        {
            Header = second.Header with { Info = second.Info with { Key = second.Info.Key with { ThroughputPerSecond = 400, WaitingP99Ms = 9.5, LoopUtilization = 0.8 } } },
            Snapshots = second.Snapshots.Select(s => s with
            {
                Load = s.Load with { ThroughputPerSecond = 400, Corrected = s.Load.Corrected with { P99Ms = s.Load.Corrected.P99Ms * 2 } },
                Loop = s.Loop! with { Utilization = 0.8, ReadyDepthMax = s.Loop.ReadyDepthMax * 3 },
            }).ToArray(),
        };
        return (a, b);
    }

    private static string Export(IRunExporter exporter) => Encoding.UTF8.GetString(exporter.ToBytes(TestRuns.Fixed()));
}
