using System.Text;
using Dashboard.Load.Statistics;
using Dashboard.Server.History;
using Dashboard.Server.Reports;
using Dashboard.Server.Reports.Html;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests.Reports;

/// <summary>A run with a warm-up: the report shows it greyed and says what it cost, counted nowhere.</summary>
public sealed class WarmUpReportTests
{
    [Fact]
    public void HtmlReport_RunWithWarmUp_VeilsItsStretchOnEveryTimeChart_AndStatesItsCost()
    {
        var html = Html(WithWarmUp(TestRuns.Fixed(), seconds: 1));

        // Four line charts and the shares chart each grey the first second.
        Assert.Equal(5, Count(html, "class=\"warm-up\""));
        Assert.Contains("warm-up, 1 s: counted in no figure, threshold or verdict", html);
        Assert.Contains("data-figure=\"warm-up\"><dt>Warm-up (not counted)</dt><dd>1 s, 100 requests, p99 42 ms</dd>", html);
    }

    [Fact]
    public void HtmlReport_RunWithoutWarmUp_HasNoVeil()
    {
        var html = Html(TestRuns.Fixed());

        Assert.DoesNotContain("warm-up", html);
    }

    private static RunRecord WithWarmUp(RunRecord run, double seconds)
    {
        var summary = (run.Header.Summary ?? new RunSummary()) with
        {
            WarmUpSeconds = seconds,
            WarmUp = new LoadStatistics { Requests = 100, Latency = LatencySummary.Empty with { Count = 100, P99 = 42 } },
        };
        var header = run.Header with { Info = run.Info with { WarmUpSeconds = seconds }, Summary = summary };
        var snapshots = run.Snapshots.Select((s, i) => i == 0 ? s with { WarmUp = true } : s).ToArray();
        return new RunRecord(header, snapshots);
    }

    private static string Html(RunRecord run) => Encoding.UTF8.GetString(new HtmlReportExporter().ToBytes(run));

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
