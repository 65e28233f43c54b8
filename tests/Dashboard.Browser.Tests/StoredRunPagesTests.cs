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
        // One story kept (the worst block's): the sampled tasks' stories are rebuilt from the samples.
        await using (var before = new DashboardHostFactory(_data).With("Storage:MaxStoredStories", "1"))
        {
            using var http = new HttpClient { BaseAddress = before.Start() };
            var created = await http.PostAsync("api/runs", new StringContent(BlockerScenario, Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
            runId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await WaitUntilEndedAsync(http, runId);
        }

        await using var after = new DashboardHostFactory(_data);
        var context = await fixture.NewContextAsync(after.Start());
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"runs/{runId}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "browser-stored-stories" })).ToBeVisibleAsync();

            // The worst block: its story was kept whole when the run ended.
            var block = page.Locator("[data-worst-blocks] a.task-link").First;
            await Expect(block).ToBeVisibleAsync();
            var blockHref = await block.GetAttributeAsync("href");
            // The hub's history of a stored run keeps the sample tables' links (it once emptied them).
            await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync("live");
            await Expect(page.Locator("[data-samples=recent] a.task-link").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "stored-run-page", alsoFullPage: true);
            await block.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/runs/{Regex.Escape(runId)}/tasks/\\d+$"));
            await Expect(page.Locator(".page.task-story")).ToHaveAttributeAsync("data-story-source", "stored");
            await Expect(page.Locator(".task-node.current")).ToBeVisibleAsync();
            await Expect(page.Locator(".timeline-strip rect.span.awake").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-sampled-note]")).ToHaveCountAsync(0);
            await Screenshots.SaveAsync(page, "stored-run-blocker-story", alsoFullPage: true);

            // Another sampled task: rebuilt from the samples, and the page says its relatives may be missing.
            await page.GoBackAsync();
            var sampled = page.Locator($"[data-samples=recent] a.task-link:not([href=\"{blockHref}\"])").First;
            await Expect(sampled).ToBeVisibleAsync();
            await sampled.ClickAsync();
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

    private static async Task WaitUntilEndedAsync(HttpClient http, string runId)
    {
        for (var i = 0; i < 600; i++)
        {
            var detail = await http.GetFromJsonAsync<JsonElement>($"api/runs/{runId}");
            if (detail.GetProperty("run").GetProperty("status").GetString() != "Running")
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"run {runId} did not end within 30 s");
    }
}
