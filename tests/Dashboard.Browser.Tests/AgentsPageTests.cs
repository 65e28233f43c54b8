using System.Text.RegularExpressions;
using Dashboard.Server.Tests.Agents;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>The Agents page of a dashboard that coordinates agents through a real broker, with a real agent process.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AgentsPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private NatsBroker? _broker;
    private DashboardHostFactory? _host;
    private IBrowserContext? _context;

    public async Task InitializeAsync() => _broker = await NatsBroker.StartAsync();

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task AgentsPage_AnAgentJoinsThenIsKilled_ShowsItLiveWithItsClock_ThenLost_WithoutReloading()
    {
        var broker = _broker!;
        _host = new DashboardHostFactory()
            .With("Distributed:Nats", broker.Url)
            .With("Distributed:Token", broker.Token)
            .With("Distributed:HeartbeatInterval", "00:00:00.250")
            .With("Distributed:LostAfter", "00:00:01.500");
        _context = await fixture.NewContextAsync(_host.Start());
        var page = await _context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        await page.GotoAsync("agents");
        await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await Expect(page.Locator("[data-figure=broker-state]")).ToHaveTextAsync("broker connected");
        await Expect(page.GetByText("No agent has joined yet.")).ToBeVisibleAsync();

        using var agent = AgentProcess.Start(broker.Url, "browser-east", broker.Token, "--allow", "http://127.0.0.1:9999", "--set", "Distributed:HeartbeatInterval=00:00:00.250");
        var row = page.Locator("[data-agent=browser-east]");
        await Expect(row.Locator("[data-figure=state]")).ToHaveTextAsync("live", new() { Timeout = 60_000 });
        await Expect(row.Locator("[data-figure=clock]")).ToHaveTextAsync(new Regex("^[+−][0-9.]+ ms ± [0-9.]+$"), new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync("http://127.0.0.1:9999");
        await Expect(row.Locator("[data-figure=running]")).ToHaveTextAsync("idle");
        await Expect(page.Locator("[data-figure=live-agents]")).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(page, "agents-live");

        agent.Kill();
        await Expect(row.Locator("[data-figure=state]")).ToHaveTextAsync("lost", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-figure=live-agents]")).ToHaveTextAsync("0");
        await Screenshots.SaveAsync(page, "agents-lost");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task AgentsPage_NoBroker_SaysHowToStartOne()
    {
        _context = await fixture.NewContextAsync();
        var page = await _context.NewPageAsync();

        await page.GotoAsync("agents");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No broker configured" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-agents-setup]")).ToContainTextAsync("agent --nats nats://HOST:4222");
        await Screenshots.SaveAsync(page, "agents-setup");
    }
}
