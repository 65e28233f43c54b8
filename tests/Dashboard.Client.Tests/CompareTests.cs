using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Client.Tests;

public sealed class CompareTests
{
    private static readonly RunInfo Older = Run("20261123-100000-aaaaaa", "slow <one>", 10);
    private static readonly RunInfo Newer = Run("20261123-110000-bbbbbb", "fast", 20);

    [Fact]
    public async Task Render_NoQuery_OffersTheTwoNewestRunsOlderAsA()
    {
        var html = await RenderAsync("compare");

        Assert.Matches("<option value=\"20261123-100000-aaaaaa\" selected[^>]*>slow &lt;one&gt;", html);
        Assert.DoesNotContain("data-compare-figures", html);
        Assert.Equal(2, CountOf(html, "selected"));
    }

    [Fact]
    public async Task Render_TwoRunsPicked_ShowsEachFigureAndALinkToTheReport()
    {
        var html = await RenderAsync($"compare?a={Older.Id}&b={Newer.Id}");

        Assert.Contains("data-figure-name=\"throughput\"", html);
        var row = System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><");
        Assert.Contains("<td>throughput</td><td>requests/s</td><td>10.0</td><td>20.0</td><td>10.0</td><td>100.0%</td><td>B</td>", row);
        Assert.Contains($"href=\"api/compare.html?a={Older.Id}&amp;b={Newer.Id}\"", html);
    }

    [Fact]
    public async Task Render_UnknownRun_SaysWhichOne()
    {
        var html = await RenderAsync($"compare?a={Older.Id}&b=gone");

        Assert.Contains("Run gone is not known", html);
        Assert.DoesNotContain("data-compare-figures", html);
    }

    [Fact]
    public async Task Render_NoRuns_SaysSoInsteadOfEmptyPickers()
    {
        var html = await RenderAsync("compare", new FakeComparisons([]));

        Assert.Contains("data-compare-empty", html);
        Assert.DoesNotContain("<select", html);
    }

    private static async Task<string> RenderAsync(string path, IRunComparisonSource? source = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(source ?? new FakeComparisons([Newer, Older]));
        services.AddSingleton<NavigationManager>(new FixedNavigation("http://dashboard.test/", "http://dashboard.test/" + path));
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<Compare>()).ToHtmlString());
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static RunInfo Run(string id, string scenario, double throughput) => new()
    {
        Id = id,
        Scenario = scenario,
        Status = RunStatus.Completed,
        StartedAt = DateTimeOffset.ParseExact(id[..15], "yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
        ElapsedSeconds = 10,
        PlannedSeconds = 10,
        Key = new RunKeyFigures { ThroughputPerSecond = throughput },
    };

    private sealed class FakeComparisons(IReadOnlyList<RunInfo> runs) : IRunComparisonSource
    {
        public Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken) => Task.FromResult(runs);

        public Task<RunComparison?> CompareAsync(string a, string b, CancellationToken cancellationToken)
        {
            var first = runs.FirstOrDefault(r => r.Id == a);
            var second = runs.FirstOrDefault(r => r.Id == b);
            return Task.FromResult(first is null || second is null
                ? null
                : new RunComparison(first, second, [new FigureComparison("throughput", "requests/s", first.Key.ThroughputPerSecond, second.Key.ThroughputPerSecond, 10, 1, false)]));
        }
    }

    private sealed class FixedNavigation : NavigationManager
    {
        public FixedNavigation(string baseUri, string uri) => Initialize(baseUri, uri);
    }
}
