using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The live pages over Blazor's circuit: the runs page follows a run started elsewhere, and a
/// page whose host stops says so, then offers the reload a restarted host needs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LivePagesTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string ShortScenario = """
        {
          "name": "browser-runs-live",
          "target": { "workload": "hello" },
          "phases": [ { "inject": { "rate": 20, "during": "3s" } } ],
          "connections": 4
        }
        """;

    private readonly string _data = Path.Combine(Path.GetTempPath(), "dashboard-browser-live-" + Guid.NewGuid().ToString("N"));
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task RunsPage_RunStartedThroughTheApi_AppearsRunningThenEndsWithoutAReload()
    {
        _context = await fixture.NewContextAsync();
        var page = await _context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        await page.GotoAsync("runs");
        await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var created = await http.PostAsync("api/runs", new StringContent(ShortScenario, Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        var runId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var row = page.Locator($"tr[data-run-id=\"{runId}\"]");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("running");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Expect(row.Locator(".quantity:has(.unit:text-is('requests')) .value")).Not.ToHaveTextAsync("0");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await Screenshots.SaveAsync(page, "runs-live");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task LoopPage_HostStoppedThenStartedOnTheSamePort_SaysSoThenComesBackOnReload()
    {
        var first = new DashboardHostFactory(_data);
        var address = first.Start();
        _context = await fixture.NewContextAsync(address);
        var page = await _context.NewPageAsync();
        await page.GotoAsync("loop");
        await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        var banner = page.Locator("[data-connection-banner]");
        await Expect(banner).ToBeHiddenAsync();

        await first.DisposeAsync();

        await Expect(banner.Locator(".when-lost")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(page, "connection-lost");

        await using var second = new DashboardHostFactory(_data, address.Port);
        second.Start();

        await Expect(banner.Locator(".when-rejected")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "connection-restarted");
        await banner.Locator(".when-rejected a[data-reload]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/loop$"));
        await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await Expect(banner).ToBeHiddenAsync();
        var sequence = await page.Locator("[data-figure=sequence]").TextContentAsync();
        await Expect(page.Locator("[data-figure=sequence]")).Not.ToHaveTextAsync(sequence ?? "");
    }
}
