using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Server.History;
using Dashboard.Server.Reports;
using Dashboard.Server.Reports.Csv;
using Dashboard.Server.Reports.Html;
using Dashboard.Server.Reports.Json;
using Dashboard.Server.Reports.Trace;
using Dashboard.Server.Storage;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests.Reports;

/// <summary>Every format opened back the way its readers open it, including with hostile names.</summary>
public sealed partial class ExporterReadBackTests
{
    private static readonly HashSet<string> AllowedTags =
    [
        "html", "head", "meta", "title", "style", "body", "header", "footer", "section", "h1", "h2", "h3", "p", "span", "div",
        "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "svg", "line", "text", "polyline",
        "polygon", "rect", "ul", "ol", "li", "pre", "circle", "strong",
    ];

    [Fact]
    public void HtmlExporter_HostileNames_AreEscapedEverywhere()
    {
        var html = Encoding.UTF8.GetString(new HtmlReportExporter().ToBytes(Hostile()));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"quoted\"", html);
        Assert.DoesNotContain("'single'", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;, comma", html);
        Assert.Contains("<h1>&lt;script&gt;alert(1)", html);
        // Every tag is one the report writes itself: nothing a name smuggled in.
        var tags = TagName().Matches(html).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        Assert.Subset(AllowedTags, tags);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Fact]
    public void HtmlExporter_Report_LoadsNothingFromElsewhere()
    {
        var html = Encoding.UTF8.GetString(new HtmlReportExporter().ToBytes(TestRuns.Fixed()));

        foreach (var reference in (string[])[" src=", " href=", "url(", "@import", "<link", "<img", "<iframe", "<object", "<embed", "xmlns"])
        {
            Assert.DoesNotContain(reference, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(7, Regex.Count(html, "<svg viewBox"));
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvExporter_Zip_OpensWithEveryFileParsingAndHostileNamesIntact()
    {
        var run = Hostile();
        using var zip = new ZipArchive(new MemoryStream(new CsvReportExporter().ToBytes(run)), ZipArchiveMode.Read);

        Assert.Equal(
            [CsvReportExporter.Requests, CsvReportExporter.History, CsvReportExporter.Failures, CsvReportExporter.TaskKinds, CsvReportExporter.Tasks, CsvReportExporter.Thresholds],
            zip.Entries.Select(e => e.FullName));
        var files = zip.Entries.ToDictionary(e => e.FullName, e => Csv.Parse(new StreamReader(e.Open(), Encoding.UTF8).ReadToEnd()));
        foreach (var (name, rows) in files)
        {
            Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        }

        Assert.Equal(1 + run.Snapshots.Count, files[CsvReportExporter.History].Count);
        var tasks = files[CsvReportExporter.Tasks];
        Assert.Equal(1 + run.Snapshots.Sum(s => s.Samples.Count), tasks.Count);
        Assert.Contains(tasks, r => r[3] == TestRuns.HostileName && r[4] == TestRuns.HostileName);
        Assert.Contains(files[CsvReportExporter.TaskKinds], r => r[0] == TestRuns.HostileName);
        var aggregated = files[CsvReportExporter.Requests].Single(r => r[0] == "Aggregated");
        Assert.Equal("400", aggregated[1]);
        Assert.Equal([["Type", "Error", "Occurrences"], ["status", "503", "12"], ["error", "timeout", "5"], ["error", "reset", "3"]], files[CsvReportExporter.Failures]);
    }

    [Fact]
    public void JsonExporter_Report_DeserializesToTheSameRun()
    {
        var run = Hostile();

        var report = JsonSerializer.Deserialize<JsonRunReport>(new JsonReportExporter().ToBytes(run), JsonReportExporter.Options)!;

        Assert.Equal(JsonRunReport.FormatName, report.Format);
        Assert.Equal(StoreJson.Write(run.Info), StoreJson.Write(report.Run));
        Assert.Null(report.Run.Prediction!.PredictedKingmanMs);
        Assert.Equal(TestRuns.HostileName, report.Scenario.Name);
        Assert.Equal(2, report.Summary!.Thresholds.Count);
        Assert.Equal(run.Header.Environment, report.Environment);
        Assert.Equal(run.Snapshots.Count, report.Snapshots.Count);
        Assert.Equal(run.Snapshots.SelectMany(s => s.Samples).Select(s => (s.Id, s.Name, s.Timeline.Count)), report.Snapshots.SelectMany(s => s.Samples).Select(s => (s.Id, s.Name, s.Timeline.Count)));
        Assert.Equal(ReportFigures.TaskKinds(run), report.TaskKinds);
        Assert.Equal(run.Header.Distributions.RequestWaiting, report.Distributions.RequestWaiting);
    }

    [Fact]
    public void TraceExporter_Trace_IsCompleteEventsNestedInTheirTasks()
    {
        var run = TestRuns.Fixed();

        using var trace = JsonDocument.Parse(new TraceExporter().ToBytes(run));

        var events = trace.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        var complete = events.Where(e => e.GetProperty("ph").GetString() == "X").ToArray();
        var threads = events.Where(e => e.GetProperty("name").GetString() == "thread_name").ToArray();
        var samples = run.Snapshots.SelectMany(s => s.Samples).ToArray();
        Assert.Equal(samples.Length, threads.Length);
        Assert.Equal(samples.Length + samples.Sum(s => s.Timeline.Count), complete.Length);
        foreach (var group in complete.GroupBy(e => e.GetProperty("tid").GetInt32()))
        {
            var task = group.Single(e => e.GetProperty("cat").GetString() == "task");
            var (start, end) = (task.GetProperty("ts").GetDouble(), task.GetProperty("ts").GetDouble() + task.GetProperty("dur").GetDouble());
            Assert.All(group, e =>
            {
                Assert.InRange(e.GetProperty("ts").GetDouble(), start, end);
                Assert.InRange(e.GetProperty("ts").GetDouble() + e.GetProperty("dur").GetDouble(), start, end + 0.001);
            });
            Assert.Equal(["asleep", "awake", "task", "waiting"], group.Select(e => e.GetProperty("cat").GetString()).Distinct().Order());
        }

        var first = samples.MinBy(s => s.CreatedAtMs)!;
        Assert.Equal(first.CreatedAtMs!.Value * 1000, complete[0].GetProperty("ts").GetDouble(), 3);
    }

    [Theory]
    [InlineData("io-bound", "run-20261123-201434-453443-io-bound-2026-11-23T2014")]
    [InlineData(TestRuns.HostileName, "run-20261123-201434-453443-script-alert-1-script-quoted-single-comma-2026-11-23T2014")]
    [InlineData("../../etc/passwd", "run-20261123-201434-453443-etc-passwd-2026-11-23T2014")]
    [InlineData("Ünïcödé ☃", "run-20261123-201434-453443-n-c-d-2026-11-23T2014")]
    [InlineData("☃", "run-20261123-201434-453443-run-2026-11-23T2014")]
    public void FileNames_AnyScenarioName_SayWhichRunAndWhenSafely(string scenario, string stem)
    {
        var run = TestRuns.Fixed(scenario: scenario);

        Assert.Equal(
            [stem + ".html", stem + ".json", stem + ".csv.zip", stem + ".trace.json"],
            RunExporters.All.Select(e => e.FileName(run)));
    }

    /// <summary>The fixed run with a hostile scenario name, task name and kind.</summary>
    private static RunRecord Hostile()
    {
        var run = TestRuns.Fixed(scenario: TestRuns.HostileName);
        var snapshots = run.Snapshots.Select((s, i) => i != 0 ? s : s with
        {
            Samples = [s.Samples[0] with { Name = TestRuns.HostileName, Kind = TestRuns.HostileName }, .. s.Samples.Skip(1)],
            Tasks = s.Tasks with { Kinds = [.. s.Tasks.Kinds, s.Tasks.Kinds[0] with { Kind = TestRuns.HostileName }] },
        }).ToArray();
        return run with { Snapshots = snapshots };
    }

    [GeneratedRegex("<([a-zA-Z][a-zA-Z0-9]*)")]
    private static partial Regex TagName();

    [GeneratedRegex(@"<[^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
