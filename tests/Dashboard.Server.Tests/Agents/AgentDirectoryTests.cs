using Dashboard.Contracts.Agents;
using Dashboard.Server.Distributed;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Server.Tests.Agents;

/// <summary>The coordinator's list of agents on a fake clock: live, lost, back, left, forgotten, bounded.</summary>
public sealed class AgentDirectoryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Announced_IsLive_ThenLostAfterSilence_ThenLiveAgainOnAHeartbeat()
    {
        var directory = Directory();
        directory.Announced(Announcement("east"));

        _time.Advance(TimeSpan.FromSeconds(4));
        directory.Sweep();
        Assert.Equal(AgentStates.Live, Single(directory).State);
        Assert.Equal(4, Single(directory).SecondsSinceHeartbeat, 3);

        _time.Advance(TimeSpan.FromSeconds(2));
        directory.Sweep();
        Assert.Equal(AgentStates.Lost, Single(directory).State);

        Assert.True(directory.Heartbeat(new AgentHeartbeat("east", "i-east", _time.GetUtcNow(), "run x")));
        var back = Single(directory);
        Assert.Equal(AgentStates.Live, back.State);
        Assert.Equal("run x", back.Running);
        Assert.Equal(0, back.SecondsSinceHeartbeat);
    }

    [Fact]
    public void Left_IsListedAsLeft_ThenForgottenAfterForgetAfter()
    {
        var directory = Directory();
        directory.Announced(Announcement("east"));

        directory.Left(new AgentFarewell("east", "i-east"));
        Assert.Equal(AgentStates.Left, Single(directory).State);

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        directory.Sweep();
        Assert.Empty(directory.Status().Agents);
    }

    [Fact]
    public void Heartbeat_FromAnUnknownInstance_IsNotBelieved_SoTheCallerAsksItToAnnounce()
    {
        var directory = Directory();
        directory.Announced(Announcement("east"));

        Assert.False(directory.Heartbeat(new AgentHeartbeat("west", "i-west", _time.GetUtcNow(), null)));
        Assert.False(directory.Heartbeat(new AgentHeartbeat("east", "another", _time.GetUtcNow(), null)));
        Assert.Single(directory.Status().Agents);
    }

    [Fact]
    public void Announced_ANewInstanceUnderAKnownName_ReplacesTheOld()
    {
        var directory = Directory();
        directory.Announced(Announcement("east"));
        _time.Advance(TimeSpan.FromSeconds(30));

        directory.Announced(Announcement("east") with { Instance = "restarted" });

        var agent = Single(directory);
        Assert.Equal("restarted", agent.Instance);
        Assert.Equal(_time.GetUtcNow(), agent.JoinedAt);
    }

    [Fact]
    public void Announced_PastMaxAgents_IsRefusedAndCounted_ButAGoneOneMakesRoom()
    {
        var directory = Directory(maxAgents: 2);
        directory.Announced(Announcement("a"));
        directory.Announced(Announcement("b"));

        directory.Announced(Announcement("c"));
        var status = directory.Status();
        Assert.Equal(["a", "b"], status.Agents.Select(a => a.Name));
        Assert.Equal(1, status.RefusedMessages);
        Assert.Contains("Distributed:MaxAgents", status.LastRefusal);

        directory.Left(new AgentFarewell("a", "i-a"));
        directory.Announced(Announcement("c"));
        Assert.Equal(["b", "c"], directory.Status().Agents.Select(a => a.Name));
    }

    [Fact]
    public void Status_ListsLiveFirstThenLostThenLeft_EachByName()
    {
        var directory = Directory();
        foreach (var name in new[] { "d", "c", "b", "a" })
        {
            directory.Announced(Announcement(name));
        }

        directory.Left(new AgentFarewell("a", "i-a"));
        _time.Advance(TimeSpan.FromSeconds(6));
        directory.Heartbeat(new AgentHeartbeat("d", "i-d", _time.GetUtcNow(), null));
        directory.Heartbeat(new AgentHeartbeat("c", "i-c", _time.GetUtcNow(), null));
        directory.Sweep();

        Assert.Equal(["c", "d", "b", "a"], directory.Status().Agents.Select(a => a.Name));
    }

    [Fact]
    public void ClockPingsDue_EveryHeartbeatUntilTheEstimateIsFull_ThenEveryClockInterval()
    {
        var directory = Directory();
        directory.Announced(Announcement("east"));

        for (var i = 0; i < ClockOffsetEstimate.Samples; i++)
        {
            Assert.Equal(["east"], directory.ClockPingsDue());
            Assert.Empty(directory.ClockPingsDue());
            directory.ClockMeasured("east", "i-east", _time.GetUtcNow(), TimeSpan.FromMilliseconds(2), _time.GetUtcNow().AddMilliseconds(5));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // The last ask was a second ago; with the estimate full, the next is due ten seconds after it.
        Assert.Empty(directory.ClockPingsDue());
        _time.Advance(TimeSpan.FromSeconds(8));
        Assert.Empty(directory.ClockPingsDue());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["east"], directory.ClockPingsDue());
        Assert.Equal(4, Single(directory).ClockOffsetMs!.Value, 6);
        Assert.Equal(2, Single(directory).RoundTripMs!.Value, 6);
    }

    [Fact]
    public void Changed_IsSaidWhenAnAgentComesGoesOrIsLost_NotOnAPlainHeartbeat()
    {
        var directory = Directory();
        var changes = 0;
        directory.Changed += () => changes++;

        directory.Announced(Announcement("east"));
        Assert.Equal(1, changes);
        directory.Heartbeat(new AgentHeartbeat("east", "i-east", _time.GetUtcNow(), null));
        Assert.Equal(1, changes);
        directory.Heartbeat(new AgentHeartbeat("east", "i-east", _time.GetUtcNow(), "run x"));
        Assert.Equal(2, changes);
        directory.Left(new AgentFarewell("east", "i-east"));
        Assert.Equal(3, changes);
    }

    [Fact]
    public void WithoutABroker_SaysNotConfigured()
    {
        var directory = new AgentDirectory(Options.Create(new DistributedOptions()), _time);

        var status = directory.Status();

        Assert.False(status.Configured);
        Assert.Null(status.Broker);
        Assert.Null(status.Problem);
    }

    [Fact]
    public void Broker_IsShownWithoutItsCredentials()
    {
        var directory = new AgentDirectory(Options.Create(new DistributedOptions { Nats = "nats://user:secret@10.0.0.2:4222" }), _time);

        var status = directory.Status();

        Assert.Equal("nats://10.0.0.2:4222", status.Broker);
        Assert.DoesNotContain("secret", status.Problem);
    }

    private AgentDirectory Directory(int maxAgents = 256) =>
        new(Options.Create(new DistributedOptions { Nats = "nats://127.0.0.1:4222", MaxAgents = maxAgents }), _time);

    private static AgentAnnouncement Announcement(string name) =>
        new(name, "i-" + name, "host-" + name, "1.0.0", 4, 2000, ["http://127.0.0.1:5080"]);

    private static AgentInfo Single(AgentDirectory directory) => Assert.Single(directory.Status().Agents);
}
