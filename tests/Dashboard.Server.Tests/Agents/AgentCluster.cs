using System.Net.Http.Json;
using Dashboard.Contracts.Agents;
using Dashboard.Server.Loop;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Agents;

/// <summary>
/// A real broker, a coordinating dashboard and agent processes that allow its loop server: what a
/// run on agents needs. Everything is stopped, by process id, when disposed.
/// </summary>
internal sealed class AgentCluster : IAsyncDisposable
{
    private readonly List<AgentProcess> _agents = [];

    private AgentCluster(NatsBroker broker, DashboardFactory dashboard, HttpClient client)
    {
        Broker = broker;
        Dashboard = dashboard;
        Client = client;
    }

    public NatsBroker Broker { get; }

    public DashboardFactory Dashboard { get; }

    public HttpClient Client { get; }

    public IReadOnlyList<AgentProcess> Agents => _agents;

    /// <summary>The embedded loop server's origin, which the agents allow.</summary>
    public string LoopServer => Dashboard.Services.GetRequiredService<LoopServerHost>().BaseAddress.GetLeftPart(UriPartial.Authority);

    public static async Task<AgentCluster> StartAsync(int agents, bool allowLoopServer = true, params (string Key, string Value)[] settings)
    {
        var broker = await NatsBroker.StartAsync();
        var dashboard = new DashboardFactory()
            .With("Distributed:Nats", broker.Url)
            .With("Distributed:Token", broker.Token)
            .With("Distributed:HeartbeatInterval", "00:00:00.200")
            .With("Distributed:LostAfter", "00:00:01.500");
        foreach (var (key, value) in settings)
        {
            dashboard.With(key, value);
        }

        var cluster = new AgentCluster(broker, dashboard, dashboard.CreateClient());
        var names = Enumerable.Range(0, agents).Select(i => i == 0 ? "east" : i == 1 ? "west" : $"agent-{i}").ToArray();
        foreach (var name in names)
        {
            var extra = new List<string> { "--set", "Distributed:HeartbeatInterval=00:00:00.200", "--set", "Distributed:CoordinatorTimeout=00:00:05" };
            if (allowLoopServer)
            {
                extra.AddRange(["--allow", cluster.LoopServer]);
            }

            cluster._agents.Add(AgentProcess.Start(broker.Url, name, broker.Token, [.. extra]));
        }

        await cluster.UntilAgentsAsync(s => s.Agents.Count(a => a.State == AgentStates.Live && a.ClockOffsetMs is not null) == agents, $"{agents} agents live with a measured clock");
        return cluster;
    }

    public AgentProcess Agent(string name) => _agents.Single(a => a.Name == name);

    public async Task<AgentsStatus> UntilAgentsAsync(Func<AgentsStatus, bool> condition, string what)
    {
        AgentsStatus? last = null;
        try
        {
            return await Waits.UntilAsync(async () =>
            {
                last = await Client.GetFromJsonAsync<AgentsStatus>("/api/agents");
                return last is not null && condition(last) ? last : null;
            }, what, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nlast /api/agents: {System.Text.Json.JsonSerializer.Serialize(last)}\n{Printed()}", ex);
        }
    }

    /// <summary>What every agent printed, for a failure's message.</summary>
    public string Printed() => string.Join("\n", _agents.Select(a => $"agent {a.Name} printed:\n{a.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            agent.Dispose();
        }

        Client.Dispose();
        await Dashboard.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
