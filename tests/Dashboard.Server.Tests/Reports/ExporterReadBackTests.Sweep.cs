using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Dashboard.Server.Reports;
using Dashboard.Server.Reports.Csv;
using Dashboard.Server.Reports.Html;
using Dashboard.Server.Reports.Json;
using Dashboard.Server.Storage;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests.Reports;

public sealed partial class ExporterReadBackTests
{
    [Fact]
    public void HtmlExporter_HostileSweepAndBlockerTexts_AreEscapedEverywhere()
    {
        var html = Encoding.UTF8.GetString(new HtmlReportExporter().ToBytes(TestSweeps.Swept(TestRuns.HostileName, TestRuns.HostileName, TestRuns.HostileName)));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("'single'", html);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;, comma #4711</td>", html);
        Assert.Contains("planned steps: &lt;script&gt;alert(1)", html);
        var tags = TagName().Matches(html).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        Assert.Subset(AllowedTags, tags);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Fact]
    public void CsvExporter_SweptRun_AddsSweepFileWithOneRowPerStep()
    {
        var run = TestSweeps.Swept();
        using var zip = new ZipArchive(new MemoryStream(new CsvReportExporter().ToBytes(run)), ZipArchiveMode.Read);

        Assert.Equal(CsvReportExporter.Sweep, zip.Entries[^1].FullName);
        var rows = Csv.Parse(new StreamReader(zip.Entries[^1].Open(), Encoding.UTF8).ReadToEnd());
        Assert.Equal(1 + run.Info.Sweep!.Steps.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        var header = rows[0].ToList();
        Assert.Equal(["1000", "930", "inf", "inf", "false", "true"], [rows[^1][1], rows[^1][2], rows[^1][header.IndexOf("Predicted M/G/1")], rows[^1][header.IndexOf("Predicted Kingman")], rows[^1][header.IndexOf("Within Budget")], rows[^1][header.IndexOf("Saturated")]]);
    }

    [Fact]
    public void JsonExporter_SweptRun_CarriesTheSweepAndWorstBlocksAsTheyAre()
    {
        var run = TestSweeps.Swept();

        var report = JsonSerializer.Deserialize<JsonRunReport>(new JsonReportExporter().ToBytes(run), JsonReportExporter.Options)!;

        Assert.Equal(StoreJson.Write(run.Info), StoreJson.Write(report.Run));
        Assert.Equal(5, report.Run.Sweep!.Steps.Count);
        Assert.Null(report.Run.Sweep.Steps[^1].Prediction!.PredictedMgOneMs);
        Assert.Equal(31, report.Run.WorstBlocks[0].VictimCount);
        Assert.Equal("server/connection", report.Run.WorstBlocks[0].VictimKinds[0].Kind);
    }
}
