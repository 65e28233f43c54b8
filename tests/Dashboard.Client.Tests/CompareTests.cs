using Bunit;
using Dashboard.Client.Comparing;
using Dashboard.Client.Pages;
using Dashboard.Client.Tests.Live;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Tests;

/// <summary>The compare page in a circuit: search the history, pick two runs, read their differences and overlaid charts.</summary>
public sealed class CompareTests : BunitContext
{
    private static readonly RunInfo Oldest = Run("20261120-090000-cccccc", "cpu-saturation", 300, RunStatus.Stopped);
    private static readonly RunInfo Older = Run("20261123-100000-aaaaaa", "slow <one>", 10);
    private static readonly RunInfo Newer = Run("20261123-110000-bbbbbb", "slow <one>", 20);

    private readonly BunitJSModuleInterop _charts;
    private FakeComparisons _source = new([Newer, Older, Oldest]);

    public CompareTests()
    {
        Services.AddSingleton(Options.Create(new DashboardUiOptions()));
        Services.AddSingleton<IRunComparisonSource>(_ => _source);
        Services.AddSingleton<IRunDirectory>(new FakeRunDirectory([Details(Newer, 20), Details(Older, 10), Details(Oldest, 300)]));
        _charts = LiveCircuit.Start(this);
    }

    [Fact]
    public void Open_NothingPicked_ComparesTheTwoNewestRunsTheOlderAsA()
    {
        var page = Render<Compare>();

        Assert.Equal([Older.Id, Newer.Id], _source.Compared.Single());
        Assert.Equal("true", page.Find($"tr[data-run=\"{Older.Id}\"] [data-pick=a]").GetAttribute("aria-pressed"));
        Assert.Equal("true", page.Find($"tr[data-run=\"{Newer.Id}\"] [data-pick=b]").GetAttribute("aria-pressed"));
        Assert.Contains("slow &lt;one&gt;", page.Find("[data-compared=a]").InnerHtml);
    }

    [Fact]
    public void TwoRunsOfOneScenario_EachFigureWithItsDifferenceAndTheRunItFavoursAndNoNote()
    {
        var page = RenderAt($"compare?a={Older.Id}&b={Newer.Id}");

        var row = page.Find("tr[data-figure-name=throughput]").QuerySelectorAll("td").Select(td => td.TextContent.Trim());
        Assert.Equal(["throughput", "requests/s", "10.0", "20.0", "10.0", "100.0%", "B"], row);
        var latency = page.Find("tr[data-figure-name=\"latency.p99\"]").QuerySelectorAll("td").Select(td => td.TextContent.Trim());
        Assert.Equal(["latency.p99", "ms", "5.00", "4.00", "-1.00", "-20.0%", "B"], latency);
        Assert.Empty(page.FindAll("[data-compare-note]"));
        Assert.Equal($"api/compare.html?a={Older.Id}&b={Newer.Id}&download=1", page.Find("[data-compare-report]").GetAttribute("href"));
        // Each run's own reports beside the comparison's.
        Assert.Equal($"api/runs/{Older.Id}/report.html?download=1", page.Find("[data-compared=a] [data-report=html]").GetAttribute("href"));
        Assert.Equal($"api/runs/{Newer.Id}/report.json", page.Find("[data-compared=b] [data-report=json]").GetAttribute("href"));
    }

    [Fact]
    public void TwoRunsOfDifferentScenarios_CompareWithTheNoteSayingSo()
    {
        var page = RenderAt($"compare?a={Oldest.Id}&b={Newer.Id}");

        Assert.Contains("different scenarios (cpu-saturation and slow <one>)", page.Find("[data-compare-note]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-compare-figures] tr"));
    }

    [Fact]
    public void Thresholds_EachRunsStateSideBySideNotSetWhereARunHasNone()
    {
        var page = RenderAt($"compare?a={Older.Id}&b={Newer.Id}");

        var rows = page.FindAll("[data-compare-thresholds] tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(["latency.p99 < 10ms", "5.00", "pass", "4.00", "pass"], rows[0]);
        Assert.Equal(["errors.rate < 1%", FigureFormatMissing, "not set", "2.00", "fail"], rows[1]);
    }

    [Fact]
    public void Charts_BothRunsOnOneAxis_FourChartsEachWithTheUnionOfTheirIntervals()
    {
        var page = RenderAt($"compare?a={Older.Id}&b={Oldest.Id}");

        page.WaitForAssertion(() => Assert.Equal(4, _charts.Invocations["create"].Count));
        var latency = page.Find("[data-chart=compare-latency]");
        // A's intervals end at 0.5, 1 and 1.5 s, B's at 0.5, 1, 1.5 and 2 s: one x each.
        Assert.Equal("4", latency.GetAttribute("data-points"));
        Assert.Equal("2", latency.GetAttribute("data-last-x"));
    }

    [Fact]
    public void PickAnotherB_ComparesAtOnceAndTheAddressSaysWhich()
    {
        var page = RenderAt($"compare?a={Older.Id}&b={Newer.Id}");

        page.Find($"tr[data-run=\"{Oldest.Id}\"] [data-pick=b]").Click();

        Assert.Equal([Older.Id, Oldest.Id], _source.Compared[^1]);
        Assert.Contains("cpu-saturation", page.Find("[data-compared=b]").TextContent);
        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains($"a={Older.Id}", uri, StringComparison.Ordinal);
        Assert.Contains($"b={Oldest.Id}", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ByTextStatusAndDay_NarrowsTheListButKeepsThePickedPair()
    {
        var page = RenderAt($"compare?a={Older.Id}&b={Newer.Id}");

        page.Find("[data-filter=text]").Input("CPU");
        Assert.Equal([Newer.Id, Older.Id, Oldest.Id], Listed(page));
        Assert.Equal("1 of 3 runs match", page.Find("[data-filter-count]").TextContent);

        page.Find("[data-filter=text]").Input("");
        page.Find("[data-filter=status]").Change("Stopped");
        Assert.Equal("1 of 3 runs match", page.Find("[data-filter-count]").TextContent);

        page.Find("[data-filter=status]").Change("");
        page.Find("[data-filter=day]").Change("2026-11-23");
        Assert.Equal("2 of 3 runs match", page.Find("[data-filter-count]").TextContent);
        Assert.Empty(page.FindAll("tr.unmatched"));
    }

    [Fact]
    public void UnknownRun_SaysWhichOneAndShowsNoFigures()
    {
        var page = RenderAt($"compare?a={Older.Id}&b=gone");

        Assert.Contains("Run gone is not known", page.Find("[data-compare-problem]").TextContent);
        Assert.Empty(page.FindAll("[data-compare-figures]"));
    }

    [Fact]
    public void NoRuns_SaysSoInsteadOfAnEmptyList()
    {
        _source = new FakeComparisons([]);

        var page = Render<Compare>();

        Assert.NotNull(page.Find("[data-compare-empty]"));
        Assert.Empty(page.FindAll("[data-compare-runs]"));
    }

    private const string FigureFormatMissing = "—";

    private IRenderedComponent<Compare> RenderAt(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<Compare>();
    }

    private static string[] Listed(IRenderedComponent<Compare> page) =>
        page.FindAll("[data-compare-runs] tr").Select(tr => tr.GetAttribute("data-run") ?? "").ToArray();

    private static RunInfo Run(string id, string scenario, double throughput, RunStatus status = RunStatus.Completed) => new()
    {
        Id = id,
        Scenario = scenario,
        Status = status,
        StartedAt = DateTimeOffset.ParseExact(id[..15], "yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
        ElapsedSeconds = 10,
        PlannedSeconds = 10,
        Key = new RunKeyFigures { ThroughputPerSecond = throughput, LatencyP99Ms = 100 / throughput },
    };

    /// <summary>A run's intervals: throughput 10 has three, any other four.</summary>
    private static RunDetails Details(RunInfo info, double throughput) =>
        RunFixtures.Details(info, [.. Enumerable.Range(1, throughput == 10 ? 3 : 4).Select(i => RunFixtures.Snapshot(i))]);

    /// <summary>Compares as the host does for the figures the tests read; records each pair asked.</summary>
    private sealed class FakeComparisons(IReadOnlyList<RunInfo> runs) : IRunComparisonSource
    {
        public List<string[]> Compared { get; } = [];

        public Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken) => Task.FromResult(runs);

        public Task<RunComparison?> CompareAsync(string a, string b, CancellationToken cancellationToken)
        {
            Compared.Add([a, b]);
            var first = runs.FirstOrDefault(r => r.Id == a);
            var second = runs.FirstOrDefault(r => r.Id == b);
            if (first is null || second is null)
            {
                return Task.FromResult<RunComparison?>(null);
            }

            static FigureComparison Figure(string name, string unit, double x, double y, bool lowerIsBetter) =>
                new(name, unit, x, y, y - x, x == 0 ? null : (y - x) / x, lowerIsBetter);

            ThresholdState? Threshold(RunInfo run, string expression, bool passed, double actual) =>
                run.Key.ThroughputPerSecond == 10 && expression.StartsWith("errors", StringComparison.Ordinal) ? null : new ThresholdState(expression, passed, actual, null);

            return Task.FromResult<RunComparison?>(new RunComparison(first, second,
            [
                Figure("throughput", "requests/s", first.Key.ThroughputPerSecond, second.Key.ThroughputPerSecond, false),
                Figure("latency.p99", "ms", 50 / first.Key.ThroughputPerSecond, 80 / second.Key.ThroughputPerSecond, true),
            ])
            {
                Thresholds =
                [
                    new ThresholdComparison("latency.p99 < 10ms", Threshold(first, "latency.p99 < 10ms", true, 5), Threshold(second, "latency.p99 < 10ms", true, 4)),
                    new ThresholdComparison("errors.rate < 1%", Threshold(first, "errors.rate < 1%", false, 2), Threshold(second, "errors.rate < 1%", false, 2)),
                ],
                Note = first.Scenario == second.Scenario ? null : $"These runs are of different scenarios ({first.Scenario} and {second.Scenario}).",
            });
        }
    }
}
