using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Reports;
using Dashboard.Server.Reports.Csv;
using Dashboard.Server.Reports.Html;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests.Reports;

/// <summary>The report's sweep section and worst blocks: approved files, and what they say when parts are missing.</summary>
public sealed partial class SweepReportTests
{
    [Fact]
    public void HtmlExporter_SweptRun_MatchesApprovedFile() =>
        Approvals.Verify(Html(TestSweeps.Swept()), "sweep.approved.html");

    [Fact]
    public void CsvExporter_SweptRun_SweepFileMatchesApprovedFile() =>
        Approvals.Verify(CsvReportExporter.Files(TestSweeps.Swept()).Single(f => f.Name == CsvReportExporter.Sweep).Text, "sweep.sweep.approved.csv");

    [Fact]
    public void HtmlExporter_SweptRun_CurveHasFiveLinesAndMarksKneeAndBestCase()
    {
        var chart = Section(Html(TestSweeps.Swept()), "<figure class=\"chart\" id=\"chart-sweep\">", "</figure>");

        Assert.Equal(5, Regex.Count(chart, "<polyline "));
        // Five steps on three measured lines; the M/G/1 and Kingman lines have no point at the saturated step (ρ ≥ 1).
        Assert.Equal(23, Regex.Count(chart, "<circle "));
        Assert.Equal(2, Regex.Count(chart, "<line class=\"marker\""));
        Assert.Contains(">knee 800/s</text>", chart);
        Assert.Contains(">best case 200/s</text>", chart);
        Assert.Contains(">1,000</text>", chart);
        Assert.Contains("(x: requests/s; y: ms, log scale)", chart);
    }

    [Fact]
    public void HtmlExporter_SweptRun_SaysBestKneeWorstAndStopInWords()
    {
        var html = Html(TestSweeps.Swept());

        Assert.Contains("<strong>Best case:</strong> 200 requests/s at 21.0% loop utilization, waiting p99 0.45 ms within the budget of 0.5 ms (0.5 &#215; mean service time 1.04 ms).", html);
        Assert.Contains("<strong>Knee:</strong> the loop kept up to 800 requests/s", html);
        Assert.Contains("<strong>Worst case:</strong> saturation began at 1,000 requests/s; beyond it waiting grew 38.2 ms per second of run, the backlog 71.5 requests per second", html);
        Assert.Contains("stopped itself after 5 of 8 planned steps: waiting p99 188 ms over the 50 ms limit at 1,000/s", html);
        Assert.Contains("<tr data-step=\"0\" class=\"best\">", html);
        Assert.Contains("<tr data-step=\"4\" class=\"saturated\">", html);
        Assert.Contains("<td>∞ (ρ ≥ 1)</td><td>∞ (ρ ≥ 1)</td>", html);
    }

    [Fact]
    public void HtmlExporter_RunningSweepWithoutBestOrWorst_SaysNeitherWasReached()
    {
        var run = TestSweeps.Swept();
        var sweep = run.Info.Sweep! with
        {
            Status = "running",
            Steps = [run.Info.Sweep.Steps[3] with { Index = 0, WithinBudget = false }, run.Info.Sweep.Steps[3] with { Index = 1, OfferedRate = 900, Complete = false, WithinBudget = false, Prediction = null }],
            Best = null,
            KneeRate = null,
            Worst = null,
            StopReason = null,
        };

        var html = Html(run with { Header = run.Header with { Info = run.Info with { Sweep = sweep } } });

        Assert.Contains("no step kept waiting p99 within the budget of 0.5 ms", html);
        Assert.Contains("the loop kept up with no step.", html);
        Assert.Contains("not reached: the loop kept up at every rate tried, up to 900 requests/s.", html);
        Assert.Contains("the sweep was running with 1 of 8 planned steps measured", html);
        Assert.Contains("<td>2 (running)</td>", html);
        Assert.DoesNotContain("<line class=\"marker\"", html);
        Assert.Contains("<td>—</td><td>—</td>", html);
    }

    [Fact]
    public void HtmlExporter_RunWithoutSweep_HasNoSweepSectionAndNoSweepCsv()
    {
        var run = TestRuns.Fixed();

        Assert.DoesNotContain("id=\"sweep\"", Html(run));
        Assert.DoesNotContain(CsvReportExporter.Files(run), f => f.Name == CsvReportExporter.Sweep);
    }

    [Fact]
    public void HtmlExporter_WorstBlocks_ListEachBlockWithItsVictimsBesideThePerKindSummary()
    {
        var blockers = Section(Html(TestSweeps.Swept()), "<section id=\"blockers\">", "</section>");

        Assert.Contains("<tr data-block=\"4711\"><td>GET /w/blocker #4711</td><td class=\"text\">blocker</td><td>201.5</td><td>31</td><td>3,120</td><td>100.7</td>" +
            "<td class=\"text\">server/connection &#215; 30 (2,920 ms), inline &#215; 1 (200.5 ms)</td></tr>", blockers);
        Assert.Contains("<td>(loop callback) #0</td><td class=\"text\">loop</td><td>22</td><td>0</td><td>0</td><td>—</td><td class=\"text\">none</td>", blockers);
        Assert.True(blockers.IndexOf("id=\"worst-blocks\"", StringComparison.Ordinal) < blockers.IndexOf("id=\"blocker-kinds\"", StringComparison.Ordinal));
        Assert.Contains("<h3>Blocker by victim, per kind</h3>", blockers);
    }

    [Fact]
    public void HtmlExporter_BlockerKindsWithoutWorstBlocks_SaysNoSingleBlockWasKept()
    {
        var blockers = Section(Html(TestRuns.Fixed()), "<section id=\"blockers\">", "</section>");

        Assert.Contains("No single block was kept for this run.", blockers);
        Assert.Contains("<td>cpu-blocker</td>", blockers);
    }

    private static string Html(RunRecord run) => Encoding.UTF8.GetString(new HtmlReportExporter().ToBytes(run));

    private static string Section(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"no {start} in the report");
        var to = html.IndexOf(end, from, StringComparison.Ordinal);
        return html[from..(to + end.Length)];
    }
}
