using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The compare page in chromium against the real host: two finished runs of different rates,
/// picked from the history, read side by side with their charts overlaid; the comparison report
/// downloads and opens offline.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ComparePageTests(BrowserFixture fixture) : PageTests(fixture)
{
    [Fact]
    public async Task CompareTwoFinishedRuns_FiguresChartsAndAReportThatOpensOffline()
    {
        var problems = PageProblems.Watch(Page);
        var slow = await RunAsync("compare-slow", rate: 40);
        var fast = await RunAsync("compare-fast", rate: 120);

        await Page.GotoAsync("compare");
        await Expect(Page.Locator(".page.compare[data-interactive]")).ToBeVisibleAsync();

        // Find the two runs by searching the history, then pick them.
        await Page.Locator("[data-filter=text]").FillAsync("compare-");
        await Expect(Page.Locator("[data-filter-count]")).ToContainTextAsync("2 of");
        await Page.Locator($"tr[data-run=\"{slow}\"] [data-pick=a]").ClickAsync();
        await Page.Locator($"tr[data-run=\"{fast}\"] [data-pick=b]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"a={slow}&b={fast}$"));
        await Expect(Page.Locator("[data-compared=a]")).ToContainTextAsync("compare-slow");
        await Expect(Page.Locator("[data-compared=b]")).ToContainTextAsync("compare-fast");
        await Expect(Page.Locator("[data-compare-note]")).ToContainTextAsync("different scenarios");
        await Expect(Page.Locator("tr[data-figure-name=throughput] td.better")).ToHaveTextAsync("B");
        await Expect(Page.Locator("[data-compare-thresholds] tr")).ToHaveCountAsync(1);
        foreach (var chart in new[] { "compare-latency", "compare-throughput", "compare-waiting", "compare-utilization" })
        {
            await Expect(Page.Locator($"[data-chart={chart}] canvas")).ToBeVisibleAsync();
        }

        await Screenshots.SaveAsync(Page, "compare", alsoFullPage: true);

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("[data-compare-report]").ClickAsync());
        Assert.Matches($"^compare-run-{slow}-compare-slow-.*-vs-{fast}\\.html$", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".html");
        await download.SaveAsAsync(saved);
        try
        {
            await OpenOfflineAsync(saved, slow, fast);
        }
        finally
        {
            File.Delete(saved);
        }

        Assert.Empty(problems);
    }

    /// <summary>The saved file in a context with no network at all: everything it shows is inside it.</summary>
    private async Task OpenOfflineAsync(string path, string slow, string fast)
    {
        var offline = await Fixture.NewContextAsync();
        try
        {
            await offline.SetOfflineAsync(true);
            var page = await offline.NewPageAsync();
            var requests = new List<string>();
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith("file:", StringComparison.Ordinal))
                {
                    requests.Add(request.Url);
                }
            };
            await page.GotoAsync(new Uri(path).AbsoluteUri);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Comparing two runs");
            await Expect(page.Locator("header")).ToContainTextAsync(slow);
            await Expect(page.Locator("header")).ToContainTextAsync(fast);
            await Expect(page.Locator("#figures tbody tr").First).ToBeVisibleAsync();
            await Expect(page.Locator("#charts svg polyline").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "compare-report", alsoFullPage: true);
            Assert.Empty(requests);
        }
        finally
        {
            await offline.CloseAsync();
        }
    }

    private async Task<string> RunAsync(string name, int rate) =>
        (await FinishedRuns.RunToEndAsync(Fixture.BaseAddress, $$"""
            {
              "name": "{{name}}",
              "target": { "workload": "io-bound" },
              "phases": [ { "inject": { "rate": {{rate}}, "during": "3s" } } ],
              "connections": 10,
              "thresholds": [ "errors.rate < 1%" ]
            }
            """)).Id;
}
