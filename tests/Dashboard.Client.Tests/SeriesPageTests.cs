using Dashboard.Client.Comparing;
using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests;

/// <summary>The design series page: the designs side by side, one column each, the same rows as its report.</summary>
public sealed class SeriesPageTests
{
    [Fact]
    public async Task Render_EndedSeries_ShowsAColumnPerDesignLinkingItsRun_AndARowPerFigure()
    {
        var html = await RenderAsync(Series(running: false, Run("r1", 0, 89.8, 1.0), Run("r2", 1, 151.3, 0.02)));
        var compact = System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><");

        Assert.Contains("designs: the designs side by side", html);
        Assert.Contains("All 2 designs ran, one after another, under the same load.", html);
        Assert.Contains("<a href=\"runs/r1\">on the loop</a>", compact);
        Assert.Contains("<a href=\"runs/r2\">thread pool</a>", compact);
        var rows = Html.BodyRows(html, "data-series-rows");
        Assert.Equal(SeriesRows.Of(Series(false, Run("r1", 0, 89.8, 1.0), Run("r2", 1, 151.3, 0.02))).Count, rows.Count);
        Assert.Contains("<tr data-row=\"throughput\"><th scope=\"row\" title=\"requests answered per second: the same offered load for every design\">Throughput<span class=\"unit\">req/s</span></th><td class=\"num\">89.8</td><td class=\"num\">151</td></tr>", compact);
        Assert.Contains("<td class=\"num\">100.0</td><td class=\"num\">2.0</td>", compact);
        Assert.Contains("api/series/series-1/report.html", html);
        Assert.Contains("<tr data-row=\"memory\"", compact);
        Assert.Contains("<td class=\"num\">150</td><td class=\"num\">150</td>", compact);
    }

    [Fact]
    public async Task Render_RunningSeries_SaysWhichDesignRuns_AndLeavesTheOthersBlank()
    {
        var html = await RenderAsync(Series(running: true, Run("r1", 0, 89.8, 1.0), null));

        Assert.Contains("Running design 1 of 2 (on the loop); the others follow one after another.", html);
        Assert.Contains("data-series-running>running<", html.Replace("\"", "", StringComparison.Ordinal));
        Assert.Contains("<th scope=\"col\" class=\"num\" data-design=\"1\">thread pool", System.Text.RegularExpressions.Regex.Replace(html, @">\s+", ">"));
    }

    [Fact]
    public async Task Render_UnknownSeries_SaysSo()
    {
        var html = await ComponentRenderer.RenderAsync<Series>(
            path: "series/nope",
            parameters: new Dictionary<string, object?> { ["SeriesId"] = "nope" },
            services: s => s.AddSingleton<IRunDirectory>(new FakeRunDirectory()));

        Assert.Contains("data-not-found", html);
        Assert.Contains("No run belongs to a design series with id <code>nope</code>", html);
    }

    [Fact]
    public void Rows_StoppedSeries_SayItStoppedAndDashTheMissingDesign()
    {
        var series = Series(running: false, Run("r1", 0, 10, 0.5), null);

        Assert.Equal("Stopped after 1 of 2 designs: a run was stopped, so the rest never started.", SeriesRows.Progress(series));
        Assert.All(SeriesRows.Of(series), row => Assert.Equal("—", row.Values[1]));
    }

    private static DesignSeries Series(bool running, params RunInfo?[] runs) => new()
    {
        Id = "series-1",
        Scenario = "designs",
        Designs = ["on the loop", "thread pool"],
        Runs = runs,
        Running = running,
    };

    private static RunInfo Run(string id, int index, double throughput, double utilization) =>
        RunFixtures.Info(RunStatus.Completed) with
        {
            Id = id,
            Loops = 1,
            Key = new RunKeyFigures { Requests = 1_000, ThroughputPerSecond = throughput, LatencyP99Ms = 50, LoopUtilization = utilization },
            HostMemoryBytes = 150L * 1024 * 1024,
            Series = new RunSeriesMember { Id = "series-1", Scenario = "designs", Design = index == 0 ? "on the loop" : "thread pool", Index = index, Designs = ["on the loop", "thread pool"] },
        };

    private static Task<string> RenderAsync(DesignSeries series) =>
        ComponentRenderer.RenderAsync<Series>(
            path: "series/" + series.Id,
            parameters: new Dictionary<string, object?> { ["SeriesId"] = series.Id },
            services: s => s.AddSingleton<IRunDirectory>(new FakeRunDirectory { Series = [series] }));
}
