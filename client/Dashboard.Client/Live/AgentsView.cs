using Dashboard.Client.Formatting;
using Dashboard.Contracts.Agents;

namespace Dashboard.Client.Live;

/// <summary>One agent's row of the agents page, every figure already in words (equal rows render nothing).</summary>
public sealed record AgentRowText(
    string Name,
    string State,
    string StateClass,
    string StateHint,
    string Host,
    string Cores,
    string MaxConnections,
    IReadOnlyList<string> AllowedTargets,
    string LastHeartbeat,
    string LastHeartbeatAt,
    string ClockOffset,
    string Running,
    string Version,
    string FullVersion)
{
    public static AgentRowText Of(AgentInfo agent) => new(
        agent.Name,
        AgentText.State(agent.State),
        AgentText.StateClass(agent.State),
        AgentText.StateHint(agent.State),
        agent.Host,
        FigureFormat.Count(agent.Cores),
        FigureFormat.Count(agent.MaxConnections),
        agent.AllowedTargets,
        AgentText.Ago(agent.SecondsSinceHeartbeat),
        FigureFormat.ClockUtc(agent.LastHeartbeat),
        AgentText.ClockOffset(agent.ClockOffsetMs, agent.RoundTripMs),
        AgentText.Running(agent.Running),
        AgentText.ShortVersion(agent.Version),
        agent.Version);

    /// <summary>Rows compare by value, the allowed targets included.</summary>
    public bool Equals(AgentRowText? other) =>
        other is not null
        && (Name, State, StateClass, StateHint, Host, Cores, MaxConnections, LastHeartbeat, LastHeartbeatAt, ClockOffset, Running, FullVersion)
            == (other.Name, other.State, other.StateClass, other.StateHint, other.Host, other.Cores, other.MaxConnections, other.LastHeartbeat, other.LastHeartbeatAt, other.ClockOffset, other.Running, other.FullVersion)
        && AllowedTargets.SequenceEqual(other.AllowedTargets);

    public override int GetHashCode() => HashCode.Combine(Name, State, LastHeartbeat, ClockOffset, Running);
}

/// <summary>
/// What the agents page shows: the broker (or how to configure one) and every agent the
/// coordinator has heard of, live ones first. Built in the host from <see cref="IAgentDirectory"/>
/// whenever an agent comes, goes or heartbeats, at most once per <see cref="DashboardUiOptions.LiveRefresh"/>.
/// </summary>
public sealed record AgentsView(
    bool Configured,
    string? Broker,
    bool Connected,
    string? Problem,
    long RefusedMessages,
    string? LastRefusal,
    int Live,
    IReadOnlyList<AgentRowText> Rows)
{
    public static LiveFeed<AgentsView> Feed(IAgentDirectory directory, DashboardUiOptions options, TimeProvider time) =>
        new(previous => Read(directory, previous), options.LiveRefresh, time);

    public static AgentsView Read(IAgentDirectory directory, AgentsView? previous = null)
    {
        var status = directory.Status();
        var kept = previous?.Rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var rows = status.Agents
            .Select(AgentRowText.Of)
            .Select(row => kept is not null && kept.TryGetValue(row.Name, out var old) && old == row ? old : row)
            .ToArray();
        return new AgentsView(
            status.Configured,
            status.Broker,
            status.Connected,
            status.Problem,
            status.RefusedMessages,
            status.LastRefusal,
            status.Agents.Count(a => a.State == AgentStates.Live),
            rows);
    }
}
