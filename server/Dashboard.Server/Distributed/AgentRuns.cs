using Dashboard.Contracts.Agents;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load;
using Dashboard.Load.Statistics;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Dashboard.Server.Distributed;

/// <summary>
/// Starts runs on agents: checks the broker, picks the live idle agents the scenario asks for
/// (most cores first), splits the load by cores or evenly, and hands the shares out with a common
/// start time. Every reason it cannot is a field error on <c>agents</c> that names the broker or
/// the agent.
/// </summary>
internal sealed class AgentRuns(
    AgentDirectory directory,
    CoordinatorLink link,
    IOptions<DistributedOptions> options,
    IOptions<LoadEngineOptions> engine,
    TimeProvider time)
{
    /// <param name="loopServer">The embedded loop server's own address (agents reach it at Distributed:LoopServerAddress when set).</param>
    public async Task<AgentRunLoad> StartAsync(
        string runId,
        ScenarioDefinition scenario,
        Uri loopServer,
        TimeSpan interval,
        TimeSpan warmUp,
        TimeSpan planned,
        Action<IntervalStatistics> onInterval,
        Func<IReadOnlyDictionary<string, double>?> loopMetrics,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            throw Refused("this dashboard coordinates no agents: start it with --Distributed:Nats nats://HOST:4222 (README, \"Agents on other machines\")");
        }

        var status = await SettledAsync(settings, scenario.Agents!, cancellationToken);
        if (link.Connection is not NatsConnection connection || !status.Connected || connection.ConnectionState != NatsConnectionState.Open)
        {
            throw Refused(status.Problem ?? $"the NATS broker at {status.Broker} is unavailable");
        }

        var idle = status.Agents
            .Where(a => a.State == AgentStates.Live && a.Running is null)
            .OrderByDescending(a => a.Cores)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToArray();
        var wanted = scenario.Agents!.EveryLive ? idle.Length : scenario.Agents.Count!.Value;
        if (idle.Length == 0 || idle.Length < wanted)
        {
            var busy = status.Agents.Where(a => a.State == AgentStates.Live && a.Running is not null).Select(a => $"{a.Name} ({a.Running})").ToArray();
            throw Refused($"asked for {(scenario.Agents.EveryLive ? "every live agent" : $"{wanted} agent(s)")}; {idle.Length} live and idle{(idle.Length > 0 ? ": " + string.Join(", ", idle.Select(a => a.Name)) : "")}{(busy.Length > 0 ? "; busy: " + string.Join(", ", busy) : "")} (the Agents page lists them)");
        }

        var chosen = idle.Take(wanted).ToArray();
        var weights = ShareSplit.Weights(chosen.Select(a => a.Cores).ToArray(), scenario.AgentSplit);
        var (shares, errors) = ShareSplit.Split(scenario, weights);
        if (errors.Count > 0)
        {
            throw new AgentRunRefusedException(errors);
        }

        var total = weights.Sum();
        var participants = chosen
            .Select((a, i) => new RunParticipant(a.Name, a.Instance, a.Host, weights[i] / total, shares[i], a.ClockOffsetMs))
            .ToArray();
        var load = new AgentRunLoad(runId, scenario, participants, connection, directory, settings, engine.Value, time, onInterval, loopMetrics, interval, warmUp, planned);
        // An embedded target is reached where agents can reach it; a url target as written.
        var target = scenario.Target?.Url is null ? (string.IsNullOrEmpty(settings.LoopServerAddress) ? loopServer.ToString() : settings.LoopServerAddress) : null;
        await load.StartAsync(time.GetUtcNow() + settings.StartLead, link.Instance, target, cancellationToken);
        return load;
    }

    /// <summary>
    /// The directory once it can answer: a coordinator that has just started (a headless run, a
    /// fresh dashboard) is still connecting, or has not heard every agent's announcement yet. Waits
    /// at most for the connection and two heartbeats after it; at once when enough agents are known.
    /// </summary>
    private async Task<Contracts.Agents.AgentsStatus> SettledAsync(DistributedOptions settings, AgentSelection wanted, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + settings.ConnectTimeout + (settings.HeartbeatInterval * 2);
        while (true)
        {
            var status = directory.Status();
            var now = time.GetUtcNow();
            var idle = status.Agents.Count(a => a.State == AgentStates.Live && a.Running is null);
            var heard = directory.ConnectedSince is { } since && now - since >= settings.HeartbeatInterval * 2;
            if (now >= deadline || (status.Connected && (heard || (!wanted.EveryLive && idle >= wanted.Count))))
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    private static AgentRunRefusedException Refused(string message) => new([new FieldError("agents", message)]);
}
