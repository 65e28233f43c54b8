using System.Text.RegularExpressions;
using Dashboard.Contracts.Runs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>A real run's HTML report in chromium: it renders offline, escapes a hostile name, and downloads.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReportTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string HostileName = "<script>window.__pwned = 1</script> \"report\" & 'test'";
    private string _runId = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _runId = await RunShortScenarioAsync();
    }

    [Fact]
    public async Task HtmlReport_OfARealRun_RendersItsChartsWithoutNetworkAndSavesAScreenshot()
    {
        var elsewhere = new List<string>();
        Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(Fixture.BaseAddress.ToString(), StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);

        await Page.GotoAsync($"api/runs/{_runId}/report.html");

        await Expect(Page.Locator("h1")).ToHaveTextAsync(HostileName);
        await Expect(Page.Locator("[data-verdict]")).ToHaveTextAsync("PASSED");
        await Expect(Page.Locator("figure.chart svg")).ToHaveCountAsync(7);
        await Expect(Page.Locator("#chart-throughput polyline").First).ToBeVisibleAsync();
        await Expect(Page.Locator("#task-kinds tr[data-kind=\"io-bound\"]")).ToBeVisibleAsync();
        await Expect(Page.Locator("ol.slowest > li").First).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "the scenario name ran as a script");
        Assert.Equal(1, await Page.EvaluateAsync<int>("() => document.scripts.length === 0 ? 1 : 0"));
        Assert.Empty(elsewhere);
        Assert.Empty(errors);

        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "report.png") });
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "report-full.png"), FullPage = true });
    }

    [Fact]
    public async Task RunPage_LatencyLogLink_DownloadsTheRunsHdrHistogramLog()
    {
        await Page.GotoAsync($"runs/{_runId}");
        var link = Page.Locator("[data-report=hlog]").First;
        await Expect(link).ToHaveTextAsync("latency log");
        await Screenshots.SaveAsync(Page, "run-downloads");

        var download = await Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());

        Assert.StartsWith($"run-{_runId}-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".hlog", download.SuggestedFilename, StringComparison.Ordinal);
        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".hlog");
        await download.SaveAsAsync(saved);
        try
        {
            var lines = await File.ReadAllLinesAsync(saved);
            Assert.StartsWith($"#[Loop dashboard run {_runId}", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("#[Histogram log format version", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Tag=raw,", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(saved);
        }
    }

    [Fact]
    public async Task HtmlReport_DownloadLink_SavesTheFileNamedAfterTheRun()
    {
        await Page.GotoAsync($"api/runs/{_runId}/report.html");
        // A link as the dashboard's run page offers it.
        await Page.EvaluateAsync(
            "href => { const a = document.createElement('a'); a.href = href; a.id = 'download-report'; a.textContent = 'Download'; document.body.prepend(a); }",
            $"/api/runs/{_runId}/report.html?download=1");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#download-report"));

        Assert.Matches(FileName(), download.SuggestedFilename);
        Assert.StartsWith($"run-{_runId}-script-window-pwned-1-script-report-test-", download.SuggestedFilename, StringComparison.Ordinal);
        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".html");
        await download.SaveAsAsync(saved);
        try
        {
            var html = await File.ReadAllTextAsync(saved);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains(_runId, html);
            Assert.Contains("&lt;script&gt;window.__pwned = 1&lt;/script&gt;", html);
        }
        finally
        {
            File.Delete(saved);
        }
    }

    private async Task<string> RunShortScenarioAsync()
    {
        var scenario = $$"""
            {
              "name": {{System.Text.Json.JsonSerializer.Serialize(HostileName)}},
              "description": "a short io-bound run for the report's browser test",
              "target": { "workload": "io-bound" },
              "phases": [ { "inject": { "rate": 100, "during": "3s" } } ],
              "connections": 10,
              "thresholds": [ "errors.rate < 1%", "loop.waiting.p99 < 500ms" ]
            }
            """;
        var ended = await FinishedRuns.RunToEndAsync(Fixture.BaseAddress, scenario);
        Assert.Equal(RunStatus.Completed, ended.Status);
        return ended.Id;
    }

    [GeneratedRegex(@"^run-\d{8}-\d{6}-[0-9a-f]{6}-[a-z0-9-]+-\d{4}-\d{2}-\d{2}T\d{4}\.html$")]
    private static partial Regex FileName();
}
