using System.Text.RegularExpressions;
using Dashboard.Server.Loop;
using Dashboard.Server.Tests.Agents;
using Microsoft.Extensions.DependencyInjection;
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
        _host = Coordinator(broker);
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
    public async Task LaunchOnTwoAgents_FromTheForm_ShowsEachAgentLive_ALostOne_AndTheReportSaysWhoDidWhat()
    {
        var broker = _broker!;
        _host = Coordinator(broker);
        var address = _host.Start();
        var loopServer = _host.Services.GetRequiredService<LoopServerHost>().BaseAddress.GetLeftPart(UriPartial.Authority);
        using var east = AgentProcess.Start(broker.Url, "east", broker.Token, "--allow", loopServer, "--set", "Distributed:HeartbeatInterval=00:00:00.250");
        using var west = AgentProcess.Start(broker.Url, "west", broker.Token, "--allow", loopServer, "--set", "Distributed:HeartbeatInterval=00:00:00.250");
        _context = await fixture.NewContextAsync(address);
        var page = await _context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        await page.GotoAsync("agents");
        await Expect(page.Locator("[data-figure=live-agents]")).ToHaveTextAsync("2", new() { Timeout = 60_000 });

        await page.GotoAsync("?scenario=hello");
        await Expect(page.Locator("form.launch-form[data-interactive]")).ToBeVisibleAsync();
        await page.Locator("#agents").FillAsync("2");
        await page.Locator("#rate").FillAsync("200");
        await page.Locator("#duration").FillAsync("8");
        await Screenshots.SaveAsync(page, "agents-launch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/runs/[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$"));
        var eastRow = page.Locator("[data-run-agent=east]");
        var westRow = page.Locator("[data-run-agent=west]");
        await Expect(eastRow.Locator("[data-figure=agent-state]")).ToHaveTextAsync("running");
        await Expect(westRow.Locator("[data-figure=agent-rate]")).Not.ToHaveTextAsync("0.00", new() { Timeout = 20_000 });
        await Screenshots.SaveAsync(page, "agents-run-live", alsoFullPage: true);

        west.Kill();
        await Expect(westRow.Locator("[data-figure=agent-state]")).ToHaveTextAsync("lost", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-figure=status]")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Expect(eastRow.Locator("[data-figure=agent-state]")).ToHaveTextAsync("done");
        await Screenshots.SaveAsync(page, "agents-run-ended", alsoFullPage: true);

        using var client = new HttpClient { BaseAddress = address };
        var runId = page.Url.Split('/')[^1];
        var report = await client.GetStringAsync($"api/runs/{runId}/report.html");
        Assert.Contains("Agents in this run", report);
        Assert.Contains("no heartbeat for more than 1.5 s", report);
        Assert.Empty(problems);
    }

    /// <summary>A dashboard coordinating agents through the broker, quick to call one lost.</summary>
    private static DashboardHostFactory Coordinator(NatsBroker broker) => new DashboardHostFactory()
        .With("Distributed:Nats", broker.Url)
        .With("Distributed:Token", broker.Token)
        .With("Distributed:HeartbeatInterval", "00:00:00.250")
        .With("Distributed:LostAfter", "00:00:01.500");

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
