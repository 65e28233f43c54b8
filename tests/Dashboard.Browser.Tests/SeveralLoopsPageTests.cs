using System.Text.RegularExpressions;
using Dashboard.Server.Loop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>The Loop page of a host started with two loops, one of them blocked now and then.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeveralLoopsPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly DashboardHostFactory _host = new DashboardHostFactory().With("LoopServer:Loops", "2");
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        await _host.DisposeAsync();
    }

    [Fact]
    public async Task LoopPage_TwoLoops_ShowsEachBesideTheTotals_AndTheBlockedOnesSlowSteps()
    {
        _context = await fixture.NewContextAsync(_host.Start());
        var page = await _context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        await page.GotoAsync("loop");
        await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));

        // Two clients, so two connections: the first goes to loop 0, the second to loop 1, which then blocks.
        var loopServer = _host.Services.GetRequiredService<LoopServerHost>().BaseAddress;
        using var quiet = new HttpClient { BaseAddress = loopServer };
        using var blocking = new HttpClient { BaseAddress = loopServer };
        (await quiet.GetAsync("/")).EnsureSuccessStatusCode();
        (await blocking.GetAsync("/")).EnsureSuccessStatusCode();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var load = Task.WhenAll(
            Repeat(quiet, "/w/io-bound", stop.Token),
            Repeat(blocking, "/w/blocker", stop.Token));

        var rows = page.Locator("[data-loop-threads] tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("th")).ToHaveTextAsync("loop 0");
        await Expect(rows.Nth(1).Locator("th")).ToHaveTextAsync("loop 1");
        await Expect(page.Locator("[data-slow-steps] td[data-loop='1']").First).ToHaveTextAsync("loop 1", new() { Timeout = 4_000 });
        await Expect(page.Locator("[data-chart=utilization] canvas")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "loop-two-loops", alsoFullPage: true);
        await load;

        // The blocker's steps hold loop 1 only (loop 0 may show a first request's compilation, never a blocker).
        var stepsOnLoop0 = await page.Locator("[data-slow-steps] tr:has(td[data-loop='0'])").AllTextContentsAsync();
        Assert.DoesNotContain(stepsOnLoop0, row => row.Contains("blocker", StringComparison.Ordinal));

        // The per-kind table split by loop: the blocker's requests ran on loop 1 only, io-bound's on loop 0 only.
        await page.Locator("[data-split-kinds]").ClickAsync();
        await Expect(page.Locator("[data-split-kinds]")).ToHaveAttributeAsync("aria-pressed", "true");
        var loop0 = page.Locator("[data-loop-kinds='0']");
        var loop1 = page.Locator("[data-loop-kinds='1']");
        await Expect(loop1.Locator("tr[data-kind='blocker']")).ToBeVisibleAsync();
        await Expect(loop0.Locator("tr[data-kind='io-bound']")).ToBeVisibleAsync();
        await Expect(loop0.Locator("tr[data-kind='blocker']")).ToHaveCountAsync(0);
        await Expect(loop1.Locator("tr[data-kind='io-bound']")).ToHaveCountAsync(0);
        await loop0.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "loop-kinds-by-loop", alsoFullPage: true);
        await page.Locator("[data-split-kinds]").ClickAsync();
        await Expect(page.Locator("[data-loop-kinds='0']")).ToHaveCountAsync(0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task LiveRunPage_ScenarioOnTwoLoops_ShowsEachLoopAndNamesTheBlockedLoop()
    {
        _context = await fixture.NewContextAsync(_host.Start());
        var page = await _context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var started = await page.APIRequest.PostAsync("api/runs", new()
        {
            DataObject = new
            {
                name = "blocker on two loops",
                target = new { workload = "hello" },
                loops = 2,
                requests = new object[] { new { name = "hello", weight = 95, workload = "hello" }, new { name = "blocker", weight = 5, workload = "blocker" } },
                phases = new object[] { new { inject = new { rate = 60, during = "8s" } } },
                connections = 20,
            },
        });
        Assert.Equal(201, started.Status);
        var runId = (await started.JsonAsync())!.Value.GetProperty("id").GetString()!;
        try
        {
            await page.GotoAsync($"runs/{runId}");
            await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));

            var rows = page.Locator("[data-loop-threads] tr");
            await Expect(rows).ToHaveCountAsync(2, new() { Timeout = 10_000 });
            await Expect(page.Locator("[data-worst-blocks] td[data-loop]").First).ToHaveTextAsync(new Regex("^loop [01]$"), new() { Timeout = 10_000 });
            await Expect(page.Locator("[data-assumptions]")).ToContainTextAsync("each of the 2 loops as a server of its own");
            await Expect(page.Locator("[data-chart=utilization] canvas")).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(2_000);
            await Screenshots.SaveAsync(page, "live-run-two-loops", alsoFullPage: true);
            Assert.Empty(problems);
        }
        finally
        {
            await page.APIRequest.PostAsync($"api/runs/{runId}/stop");
        }
    }

    private static async Task Repeat(HttpClient client, string path, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            (await client.GetAsync(path, CancellationToken.None)).EnsureSuccessStatusCode();
        }
    }
}
