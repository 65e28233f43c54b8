using Dashboard.Client.Pages;
using Dashboard.Contracts.Agents;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests;

public sealed class AgentsPageTests
{
    private static readonly DateTimeOffset Heard = new(2026, 12, 5, 10, 11, 12, TimeSpan.Zero);

    [Fact]
    public async Task Render_NoBrokerConfigured_SaysHowToStartOneAndAnAgent()
    {
        var html = await RenderAsync(new AgentsStatus { Configured = false, Connected = false, Agents = [] });

        Assert.Contains("No broker configured", html);
        Assert.Contains("--Distributed:Nats nats://HOST:4222", html);
        Assert.Contains("agent --nats nats://HOST:4222 --allow http://TARGET:PORT", html);
        Assert.DoesNotContain("<tbody data-agents>", html);
    }

    [Fact]
    public async Task Render_Agents_ShowEachOnesStateCapacityHeartbeatAndClock()
    {
        var html = await RenderAsync(Status(
            Agent("east-1", AgentStates.Live, secondsSince: 0.42, offsetMs: 1.234, roundTripMs: 2.5, running: "run 20261205: 250/s"),
            Agent("west-2", AgentStates.Lost, secondsSince: 75, offsetMs: null, roundTripMs: null)));

        var rows = Html.BodyRows(html, "data-agents");
        Assert.Equal(2, rows.Count);
        Assert.Contains("data-agent=\"east-1\"", rows[0]);
        Assert.Contains("<span class=\"pill pill-ok\" title=\"heartbeating\" data-figure=\"state\">live</span>", rows[0]);
        Assert.Contains("<td class=\"num\">4</td>", rows[0]);
        Assert.Contains("<td class=\"num\">2,000</td>", rows[0]);
        Assert.Contains("http://10.0.0.3:5080, http://10.0.0.4:8080", rows[0]);
        Assert.Equal("0.4 s ago", Html.Figure(rows[0], "heartbeat"));
        Assert.Contains("title=\"10:11:12 UTC\"", rows[0]);
        Assert.Equal("+1.23 ms ± 1.25", Html.Figure(rows[0], "clock"));
        Assert.Equal("run 20261205: 250/s", Html.Figure(rows[0], "running"));
        Assert.Contains("pill-bad", rows[1]);
        Assert.Contains(">lost</span>", rows[1]);
        Assert.Equal("1 min ago", Html.Figure(rows[1], "heartbeat"));
        Assert.Equal("not measured yet", Html.Figure(rows[1], "clock"));
        Assert.Equal("idle", Html.Figure(rows[1], "running"));
        Assert.Contains("<span data-figure=\"live-agents\">1</span> live", html);
        Assert.Contains("broker connected", html);
    }

    [Fact]
    public async Task Render_BrokerDown_SaysWhyAndNamesTheAddress()
    {
        var status = Status() with { Connected = false, Problem = "the NATS broker at nats://10.0.0.2:4222 is unavailable: connection refused" };

        var html = await RenderAsync(status);

        Assert.Contains("broker unavailable", html);
        Assert.Contains("the NATS broker at nats://10.0.0.2:4222 is unavailable: connection refused", html);
        Assert.Contains("No agent has joined yet.", Html.BodyRows(html, "data-agents").Single());
    }

    [Fact]
    public async Task Render_RefusedMessagesAndHostileNames_AreShownEncoded()
    {
        var status = Status(Agent("ok", AgentStates.Live, 0.1, null, null) with { Host = "<script>alert(1)</script>" })
            with { RefusedMessages = 3, LastRefusal = "loopdash.agents.announce: name: expected letters" };

        var html = await RenderAsync(status);

        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("loopdash.agents.announce: name: expected letters", html);
    }

    private static AgentsStatus Status(params AgentInfo[] agents) => new()
    {
        Configured = true,
        Broker = "nats://10.0.0.2:4222",
        Connected = true,
        Agents = agents,
    };

    private static AgentInfo Agent(string name, string state, double secondsSince, double? offsetMs, double? roundTripMs, string? running = null) => new()
    {
        Name = name,
        Instance = "i-" + name,
        Host = "load-" + name,
        Version = "1.0.0",
        Cores = 4,
        MaxConnections = 2000,
        AllowedTargets = ["http://10.0.0.3:5080", "http://10.0.0.4:8080"],
        State = state,
        JoinedAt = Heard.AddMinutes(-5),
        LastHeartbeat = Heard,
        SecondsSinceHeartbeat = secondsSince,
        Running = running,
        ClockOffsetMs = offsetMs,
        RoundTripMs = roundTripMs,
    };

    private static Task<string> RenderAsync(AgentsStatus status) =>
        ComponentRenderer.RenderAsync<Agents>(path: "agents", services: s => s.AddSingleton<IAgentDirectory>(new FakeAgentDirectory(status)));
}
