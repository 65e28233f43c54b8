using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Contracts.Agents;
using Dashboard.Server.Cli;
using Dashboard.Server.Distributed;
using Dashboard.Testing;
using NATS.Client.Core;

namespace Dashboard.Server.Tests.Agents;

/// <summary>
/// Agents and the coordinator over a real broker: agent processes join, are listed with their
/// capacity and clock, are lost when killed and leave when stopped; a broker that is down or
/// refuses the token is named; hostile messages are refused and counted.
/// </summary>
[Collection(AgentProcessesCollection.Name)]
public sealed class AgentBrokerTests
{
    private static readonly TimeSpan AgentStart = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TwoAgents_Join_AreListedWithCapacityAndClock_ThenKilledIsLostAndStoppedHasLeft()
    {
        await using var broker = await NatsBroker.StartAsync();
        await using var factory = Coordinator(broker);
        using var client = factory.CreateClient();
        using var east = AgentProcess.Start(broker.Url, "east", broker.Token, "--allow", "http://127.0.0.1:9999", "--set", "Distributed:HeartbeatInterval=00:00:00.200");
        using var west = AgentProcess.Start(broker.Url, "west", broker.Token, "--set", "Distributed:HeartbeatInterval=00:00:00.200");

        var status = await UntilAsync(client, s => s.Agents.Count(a => a.State == AgentStates.Live && a.ClockOffsetMs is not null) == 2, "both agents live with a measured clock", east, west);

        Assert.True(status.Configured);
        Assert.True(status.Connected);
        Assert.Equal(broker.Url, status.Broker);
        Assert.Equal(["east", "west"], status.Agents.Select(a => a.Name));
        var eastInfo = status.Agents[0];
        Assert.Equal(Environment.ProcessorCount, eastInfo.Cores);
        Assert.Equal(Environment.MachineName, eastInfo.Host);
        Assert.Contains("http://127.0.0.1:9999", eastInfo.AllowedTargets);
        Assert.DoesNotContain("http://127.0.0.1:9999", status.Agents[1].AllowedTargets);
        Assert.Null(eastInfo.Running);
        // Same machine, same clock: the offset is within half the round trip of zero (plus a scheduling hiccup).
        Assert.InRange(Math.Abs(eastInfo.ClockOffsetMs!.Value), 0, eastInfo.RoundTripMs!.Value / 2 + 50);
        Assert.Contains("joined the NATS broker at " + broker.Url, east.Output);

        west.Kill();
        status = await UntilAsync(client, s => s.Agents.Single(a => a.Name == "west").State == AgentStates.Lost, "the killed agent lost", east);
        Assert.Equal(AgentStates.Live, status.Agents.Single(a => a.Name == "east").State);

        east.Terminate();
        Assert.Equal(CommandLineEntry.Passed, await east.ExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("agent east stopped.", east.Output);
        status = await UntilAsync(client, s => s.Agents.Single(a => a.Name == "east").State == AgentStates.Left, "the stopped agent left");
        Assert.Equal(AgentStates.Lost, status.Agents.Single(a => a.Name == "west").State);
    }

    [Fact]
    public async Task CoordinatorStartedAfterTheAgent_FindsItByAsking()
    {
        await using var broker = await NatsBroker.StartAsync();
        using var early = AgentProcess.Start(broker.Url, "early", broker.Token);
        await Waits.Until(() => early.Output.Contains("joined", StringComparison.Ordinal) || early.HasExited, "the agent to join", AgentStart);
        Assert.False(early.HasExited, early.Output);

        await using var factory = Coordinator(broker);
        using var client = factory.CreateClient();

        var status = await UntilAsync(client, s => s.Agents.Any(a => a.Name == "early" && a.State == AgentStates.Live), "the earlier agent listed", early);
        Assert.Single(status.Agents);
    }

    [Fact]
    public async Task Agent_BrokerDown_ExitsWithAnErrorNamingTheUrl()
    {
        var url = $"nats://127.0.0.1:{NatsBroker.FreePort()}";
        using var agent = AgentProcess.Start(url, "lonely", token: null);

        Assert.Equal(AgentCommand.BrokerUnavailable, await agent.ExitAsync(AgentStart));

        Assert.Contains($"error: the NATS broker at {url} is unavailable", agent.Output);
        Assert.Contains("is nats-server running there", agent.Output);
        Assert.DoesNotContain("   at ", agent.Output);
    }

    [Fact]
    public async Task Agent_WrongToken_ExitsSayingWhichSettingsToCheck_WithoutShowingTheToken()
    {
        await using var broker = await NatsBroker.StartAsync();
        using var agent = AgentProcess.Start($"nats://not-the-token@127.0.0.1:{broker.Port}", "intruder", token: null);

        Assert.Equal(AgentCommand.BrokerUnavailable, await agent.ExitAsync(AgentStart));

        Assert.Contains($"the NATS broker at nats://127.0.0.1:{broker.Port} is unavailable", agent.Output);
        Assert.Contains("Authorization Violation", agent.Output);
        Assert.Contains("Distributed:Token", agent.Output);
        Assert.DoesNotContain("not-the-token", agent.Output);
    }

    [Fact]
    public async Task UserAndPassword_BothSidesJoinWithThem_AndAWrongPasswordIsNamed()
    {
        await using var broker = await NatsBroker.StartWithUserAsync("loadgen", "pass-word-1");
        await using var factory = new DashboardFactory()
            .With("Distributed:Nats", broker.Url)
            .With("Distributed:User", "loadgen")
            .With("Distributed:Password", "pass-word-1");
        using var client = factory.CreateClient();
        using var agent = AgentProcess.Start(broker.Url, "with-user", token: null, "--set", "Distributed:User=loadgen", "--set", "Distributed:Password=pass-word-1");
        using var wrong = AgentProcess.Start(broker.Url, "wrong-pass", token: null, "--set", "Distributed:User=loadgen", "--set", "Distributed:Password=nope");

        await UntilAsync(client, s => s.Connected && s.Agents.Any(a => a.Name == "with-user" && a.State == AgentStates.Live), "the agent with the user listed", agent);

        Assert.Equal(AgentCommand.BrokerUnavailable, await wrong.ExitAsync(AgentStart));
        Assert.Contains("Authorization Violation", wrong.Output);
        Assert.DoesNotContain("nope", wrong.Output);
    }

    [Fact]
    public async Task Agent_BadName_IsRefusedBeforeConnecting()
    {
        using var agent = AgentProcess.Start("nats://127.0.0.1:1", "a.b", token: null);

        Assert.Equal(CommandLineEntry.InvalidInput, await agent.ExitAsync(AgentStart));

        Assert.Contains("Agent:Name: expected letters, digits, '-' and '_' only", agent.Output);
    }

    [Fact]
    public async Task Dashboard_BrokerDown_KeepsServing_SaysWhyNamingTheUrl_AndConnectsWhenItComes()
    {
        var port = NatsBroker.FreePort();
        await using var factory = new DashboardFactory()
            .With("Distributed:Nats", $"nats://127.0.0.1:{port}")
            .With("Distributed:Token", "agents-test-token")
            .With("Distributed:ConnectTimeout", "00:00:01");
        using var client = factory.CreateClient();

        var down = await UntilAsync(client, s => s.Problem?.Contains("unavailable", StringComparison.Ordinal) == true, "the broker named unavailable");
        Assert.False(down.Connected);
        Assert.Contains($"nats://127.0.0.1:{port}", down.Problem);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/loop")).StatusCode);

        await using var broker = await NatsBroker.StartAsync(port: port);

        var up = await UntilAsync(client, s => s.Connected, "the coordinator connected once the broker came");
        Assert.Null(up.Problem);
        await Waits.UntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK ? "" : null, "ready once connected");
    }

    [Fact]
    public async Task HostileMessages_AreRefusedAndCounted_TheListStaysBounded()
    {
        await using var broker = await NatsBroker.StartAsync();
        await using var factory = Coordinator(broker).With("Distributed:MaxAgents", "3");
        using var client = factory.CreateClient();
        await UntilAsync(client, s => s.Connected, "the coordinator connected");
        await using var intruder = new NatsConnection(NatsOpts.Default with { Url = broker.Url, AuthOpts = NatsAuthOpts.Default with { Token = broker.Token } });
        await intruder.ConnectAsync();

        await intruder.PublishAsync("loopdash.agents.announce", Encoding.UTF8.GetBytes("{not json"));
        await intruder.PublishAsync("loopdash.agents.announce", Encoding.UTF8.GetBytes("""{"name":"bad.name","instance":"i","host":"h","version":"v","cores":1,"maxConnections":1,"allowedTargets":[]}"""));
        await intruder.PublishAsync("loopdash.agents.heartbeat", new byte[100_000]);
        await intruder.PingAsync();
        // Subjects are read by separate loops: the malformed ones are counted before the flood, so the last refusal is the limit's.
        await UntilAsync(client, s => s.RefusedMessages >= 3, "the three malformed messages refused");
        for (var i = 0; i < 10; i++)
        {
            await intruder.PublishAsync("loopdash.agents.announce", Encoding.UTF8.GetBytes(
                $$"""{"name":"fake-{{i}}","instance":"i{{i}}","host":"h","version":"v","cores":2,"maxConnections":10,"allowedTargets":["http://127.0.0.1:1"]}"""));
        }

        await intruder.PingAsync();

        var status = await UntilAsync(client, s => s.RefusedMessages >= 10, "the bad messages and the ones past the limit refused");
        Assert.Equal(3, status.Agents.Count);
        // Three malformed, seven past the limit.
        Assert.Equal(10, status.RefusedMessages);
        Assert.Contains("Distributed:MaxAgents", status.LastRefusal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/loop")).StatusCode);
    }

    [Fact]
    public async Task Agent_WhoseCoordinatorFallsSilent_StopsItsShareAfterTheTimeout_AndRefusesABadOne()
    {
        await using var broker = await NatsBroker.StartAsync();
        using var agent = AgentProcess.Start(broker.Url, "orphan", broker.Token, "--set", "Distributed:CoordinatorTimeout=00:00:02", "--set", "Distributed:HeartbeatInterval=00:00:00.200");
        await Waits.Until(() => agent.Output.Contains("joined", StringComparison.Ordinal) || agent.HasExited, "the agent to join", AgentStart);
        await using var ghost = new NatsConnection(NatsOpts.Default with { Url = broker.Url, AuthOpts = NatsAuthOpts.Default with { Token = broker.Token } });
        await ghost.ConnectAsync();
        await using var ended = await ghost.SubscribeCoreAsync<byte[]>("loopdash.run.ghost-run.ended");

        // A share against a target the agent does not allow is refused, naming the origin.
        var outside = await OfferAsync(ghost, """{ "name": "far", "target": { "url": "http://10.9.9.9:80/" }, "phases": [ { "inject": { "rate": 5, "during": "30s" } } ] }""");
        Assert.False(outside.Accepted);
        Assert.Contains("url: origin \"http://10.9.9.9:80\" is not allowed", outside.Problem);

        // A coordinator that offers a share and is never heard again: the agent stops it by itself.
        var accepted = await OfferAsync(ghost, """{ "name": "orphaned", "target": { "url": "http://127.0.0.1:5080/" }, "phases": [ { "inject": { "rate": 5, "during": "60s" } } ], "requestTimeout": "200ms" }""");
        Assert.True(accepted.Accepted, accepted.Problem);
        var message = await ended.Msgs.ReadAsync().AsTask().Within("the orphaned share's end", TimeSpan.FromSeconds(30));
        var share = AgentWire.Decode<ShareEnded>(message.Data, AgentWire.MaxIntervalBytes, out var problem);

        Assert.NotNull(share);
        Assert.Equal("orphan", share.Agent);
        Assert.Contains("the coordinator has been silent for more than 2 s", share.Message);
    }

    private static async Task<ShareAnswer> OfferAsync(NatsConnection coordinator, string scenario)
    {
        var offer = new ShareOffer("ghost-run", "ghost", scenario, null, DateTimeOffset.UtcNow);
        var reply = await coordinator.RequestAsync<byte[], byte[]>("loopdash.agent.orphan.start", AgentWire.Encode(offer), replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) });
        return AgentWire.Decode<ShareAnswer>(reply.Data, out _)!;
    }

    private static DashboardFactory Coordinator(NatsBroker broker) => new DashboardFactory()
        .With("Distributed:Nats", broker.Url)
        .With("Distributed:Token", broker.Token)
        .With("Distributed:HeartbeatInterval", "00:00:00.200")
        .With("Distributed:LostAfter", "00:00:01.500");

    private static async Task<AgentsStatus> UntilAsync(HttpClient client, Func<AgentsStatus, bool> condition, string what, params AgentProcess[] agents)
    {
        AgentsStatus? last = null;
        try
        {
            return await Waits.UntilAsync(async () =>
            {
                last = await client.GetFromJsonAsync<AgentsStatus>("/api/agents");
                return last is not null && condition(last) ? last : null;
            }, what, AgentStart);
        }
        catch (TimeoutException ex)
        {
            var printed = string.Join("\n", agents.Select(a => $"agent {a.Name} printed:\n{a.Output}"));
            throw new TimeoutException($"{ex.Message}\nlast /api/agents: {System.Text.Json.JsonSerializer.Serialize(last)}\n{printed}", ex);
        }
    }
}

/// <summary>The tests that start agent processes run one at a time: each process is a .NET start on a two-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AgentProcessesCollection
{
    public const string Name = "Agent processes";
}
