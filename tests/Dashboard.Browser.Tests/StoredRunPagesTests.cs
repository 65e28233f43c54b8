using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// A run's page after the dashboard restarted: its task links (worst blocks, sampled tasks) open
/// the stories kept with the run, or rebuilt from its samples. Screenshots for people to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StoredRunPagesTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string BlockerScenario = """
        {
          "name": "browser-stored-stories",
          "target": { "workload": "hello" },
          "requests": [
            { "name": "hello", "weight": 85, "workload": "hello" },
            { "name": "blocker", "weight": 15, "workload": "blocker" }
          ],
          "phases": [ { "inject": { "rate": 20, "during": "2s" } } ],
          "seed": 4,
          "connections": 5
        }
        """;

    private readonly string _data = Path.Combine(Path.GetTempPath(), "dashboard-browser-restart-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task StoredRun_AfterARestart_ItsTaskLinksOpenTheStoredAndTheSampledStories()
    {
        string runId;
        // Three stories kept (worst blocks first): the other sampled tasks' stories are rebuilt from the samples.
        await using (var before = new DashboardHostFactory(_data).With("Storage:MaxStoredStories", "3"))
        {
            using var http = new HttpClient { BaseAddress = before.Start() };
            var created = await http.PostAsync("api/runs", new StringContent(BlockerScenario, Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
            runId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await WaitUntilEndedAsync(http, runId);
        }

        await using var after = new DashboardHostFactory(_data);
        var address = after.Start();
        using var api = new HttpClient { BaseAddress = address };
        var context = await fixture.NewContextAsync(address);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"runs/{runId}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "browser-stored-stories" })).ToBeVisibleAsync();
            // A stored run is read from the store: the same components, its charts drawn, its sample tables' links kept.
            await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync("ended · figures final");
            await Expect(page.Locator("[data-chart=throughput] canvas")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-samples=recent] a.task-link").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "stored-run-page", alsoFullPage: true);

            // A worst block: its story was kept whole when the run ended.
            var blockHref = await FirstWithSourceAsync(api, page.Locator("[data-worst-blocks] a.task-link"), "stored");
            await page.Locator($"[data-worst-blocks] a.task-link[href=\"{blockHref}\"]").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/runs/{Regex.Escape(runId)}/tasks/\\d+$"));
            await Expect(page.Locator(".page.task-story")).ToHaveAttributeAsync("data-story-source", "stored");
            await Expect(page.Locator(".task-node.current")).ToBeVisibleAsync();
            await Expect(page.Locator(".timeline-strip rect.span").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-sampled-note]")).ToHaveCountAsync(0);
            await Screenshots.SaveAsync(page, "stored-run-blocker-story", alsoFullPage: true);

            // A sampled task without a stored story: rebuilt from the samples, and the page says its relatives may be missing.
            await page.GoBackAsync();
            await Expect(page.Locator("[data-chart=throughput] canvas")).ToBeVisibleAsync();
            var sampledHref = await FirstWithSourceAsync(api, page.Locator("[data-samples] a.task-link"), "sampled");
            await page.Locator($"[data-samples] a.task-link[href=\"{sampledHref}\"]").First.ClickAsync();
            await Expect(page.Locator(".page.task-story")).ToHaveAttributeAsync("data-story-source", "sampled");
            await Expect(page.Locator("[data-sampled-note]")).ToContainTextAsync("relatives are shown only where they were sampled too");
            await Expect(page.Locator(".timeline-strip rect.span").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "stored-run-sampled-story", alsoFullPage: true);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The first link whose story the API says comes from <paramref name="source"/>.</summary>
    private static async Task<string> FirstWithSourceAsync(HttpClient api, ILocator links, string source)
    {
        var hrefs = new List<string>();
        foreach (var link in await links.AllAsync())
        {
            var href = (await link.GetAttributeAsync("href"))!;
            hrefs.Add(href);
            var story = await api.GetAsync("api/" + href);
            if (story.IsSuccessStatusCode && (await story.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("source").GetString() == source)
            {
                return href;
            }
        }

        throw new InvalidOperationException($"no link with a {source} story among {string.Join(", ", hrefs)}");
    }

    private static Task WaitUntilEndedAsync(HttpClient http, string runId) =>
        Waits.UntilAsync(
            async () => await http.GetFromJsonAsync<JsonElement>($"api/runs/{runId}") is var detail && detail.GetProperty("run").GetProperty("status").GetString() != "Running" ? (object)detail : null,
            $"run {runId} to end",
            TimeSpan.FromSeconds(30));
}
