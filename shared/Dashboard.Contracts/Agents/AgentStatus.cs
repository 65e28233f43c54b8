namespace Dashboard.Contracts.Agents;

/// <summary>What <c>GET /api/agents</c> answers and the agents page shows: the broker and every agent the coordinator has heard of.</summary>
public sealed record AgentsStatus
{
    /// <summary>Whether this dashboard coordinates agents at all (<c>Distributed:Nats</c> is set).</summary>
    public required bool Configured { get; init; }

    /// <summary>The broker's address without credentials; null when not configured.</summary>
    public string? Broker { get; init; }

    /// <summary>Whether the coordinator is connected to the broker now.</summary>
    public required bool Connected { get; init; }

    /// <summary>Why it is not connected (the last error, naming the address); null when connected or not configured.</summary>
    public string? Problem { get; init; }

    /// <summary>Messages from the broker that were refused (malformed, too large, bad names), since the start.</summary>
    public long RefusedMessages { get; init; }

    /// <summary>Why the latest one was refused; null when none was.</summary>
    public string? LastRefusal { get; init; }

    /// <summary>The agents, live ones first, each by name.</summary>
    public required IReadOnlyList<AgentInfo> Agents { get; init; }
}

/// <summary>One agent as the coordinator knows it.</summary>
public sealed record AgentInfo
{
    /// <summary>The agent's name (<c>--name</c>, else its host and process id); unique among live agents.</summary>
    public required string Name { get; init; }

    /// <summary>The agent process's own id, new at each start: a restarted agent has a new one.</summary>
    public required string Instance { get; init; }

    /// <summary>The machine it runs on.</summary>
    public required string Host { get; init; }

    /// <summary>Its version of the dashboard's program.</summary>
    public required string Version { get; init; }

    /// <summary>Its capacity: the cores its process may use.</summary>
    public required int Cores { get; init; }

    /// <summary>The most connections its engine opens (its <c>LoadEngine:MaxConnections</c>).</summary>
    public required int MaxConnections { get; init; }

    /// <summary>The origins (scheme://host:port) it agrees to load; it refuses any other, whoever asks.</summary>
    public required IReadOnlyList<string> AllowedTargets { get; init; }

    /// <summary><see cref="AgentStates"/>: live, lost (stopped heartbeating) or left (said goodbye).</summary>
    public required string State { get; init; }

    /// <summary>When it first announced itself (coordinator's clock).</summary>
    public required DateTimeOffset JoinedAt { get; init; }

    /// <summary>When its last heartbeat arrived (coordinator's clock).</summary>
    public required DateTimeOffset LastHeartbeat { get; init; }

    /// <summary>Seconds since then, when this was read.</summary>
    public required double SecondsSinceHeartbeat { get; init; }

    /// <summary>What it runs now, in its own words ("run 3f2a…: 250/s"); null when idle.</summary>
    public string? Running { get; init; }

    /// <summary>Its clock minus the coordinator's, in milliseconds, from the ping with the shortest round trip; null until measured.</summary>
    public double? ClockOffsetMs { get; init; }

    /// <summary>That ping's round trip through the broker, in milliseconds.</summary>
    public double? RoundTripMs { get; init; }
}

/// <summary>The states of <see cref="AgentInfo.State"/>.</summary>
public static class AgentStates
{
    /// <summary>Heartbeating.</summary>
    public const string Live = "live";

    /// <summary>No heartbeat for longer than <c>Distributed:LostAfter</c>: crashed, cut off, or the broker lost it.</summary>
    public const string Lost = "lost";

    /// <summary>Said goodbye when it stopped.</summary>
    public const string Left = "left";
}
