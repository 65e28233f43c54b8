using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Contracts.Runs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>The designs side by side: a series launched through the API, followed live on its page to its end.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeriesPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string FourDesigns = """
        {
          "name": "browser-designs",
          "designs": [
            { "name": "on the loop", "workload": "cpu-bound", "loops": 1 },
            { "name": "thread pool", "workload": "offloaded", "loops": 1 },
            { "name": "process pool", "workload": "process-offloaded", "loops": 1 },
            { "name": "two loops", "workload": "cpu-bound", "loops": 2 }
          ],
          "phases": [ { "inject": { "rate": 60, "during": "1500ms" } } ],
          "arrivals": "poisson",
          "connections": 20
        }
        """;

    [Fact]
    public async Task DesignsSeries_PageFollowsItLive_ThenShowsTheFourDesignsSideBySide_EachLinkingItsRun()
    {
        var problems = PageProblems.Watch(Page);
        using var api = new HttpClient { BaseAddress = Fixture.BaseAddress };
        var response = await api.PostAsync("api/runs", new StringContent(FourDesigns, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<RunCreated>())!;

        await Page.GotoAsync($"series/{created.Series}");

        await Expect(Page.Locator("[data-series-progress]")).ToContainTextAsync(new Regex("Running design [1-4] of 4"));
        await Expect(Page.Locator("[data-series-running]")).ToHaveTextAsync("ended", new() { Timeout = 40_000 });
        await Expect(Page.Locator("[data-series-progress]")).ToHaveTextAsync("All 4 designs ran, one after another, under the same load.");
        var headers = Page.Locator("th[data-design] a");
        await Expect(headers).ToHaveTextAsync(["on the loop", "thread pool", "process pool", "two loops"]);
        var throughput = Page.Locator("tr[data-row=throughput] td");
        await Expect(throughput).ToHaveCountAsync(4);
        foreach (var value in await throughput.AllTextContentsAsync())
        {
            Assert.True(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) > 10, $"throughput {value}");
        }

        // Only the process-pool design has pool figures.
        var memory = await Page.Locator("tr[data-row=pool-memory] td").AllTextContentsAsync();
        Assert.Equal(["—", "—"], memory.Take(2));
        Assert.Matches(@"^\d", memory[2]);
        await Expect(Page.Locator("tr[data-row=loops] td").Last).ToHaveTextAsync("2");
        await Screenshots.SaveAsync(Page, "series", alsoFullPage: true);

        await headers.Nth(2).ClickAsync();
        await Expect(Page.Locator("[data-run-series]")).ToContainTextAsync("Design 3 of 4 (process pool) of browser-designs");
        await Expect(Page.Locator("[data-run-process-pool]")).ToBeVisibleAsync();
        await Page.Locator("[data-run-series] a").ClickAsync();
        await Expect(Page.Locator("[data-series-rows]")).ToBeVisibleAsync();
        Assert.Empty(problems);
    }
}
