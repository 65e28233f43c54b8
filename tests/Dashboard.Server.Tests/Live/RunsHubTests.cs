using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Server.Tests.Live;

public sealed class RunsHubTests
{
    private const string Scenario = """
        {
          "name": "hub-test",
          "target": { "workload": "io-bound" },
          "phases": [ { "inject": { "rate": 100, "during": "3s" } } ],
          "connections": 20
        }
        """;

    [Fact]
    public async Task Subscriber_ReceivesHistoryThenSnapshotsWhoseTasksSumToTheirLifetimes()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var runId = await StartRun(client);

        await using var hub = WebSocketHubConnection.Create(factory.Server, "/hubs/runs");
        var snapshots = new ConcurrentQueue<RunSnapshot>();
        var histories = new ConcurrentQueue<IReadOnlyList<RunSnapshot>>();
        var changes = new ConcurrentQueue<RunInfo>();
        hub.On<RunSnapshot>(nameof(IRunsHubClient.Snapshot), s => snapshots.Enqueue(s));
        hub.On<string, IReadOnlyList<RunSnapshot>>(nameof(IRunsHubClient.History), (_, h) => histories.Enqueue(h));
        hub.On<RunInfo>(nameof(IRunsHubClient.RunChanged), r => changes.Enqueue(r));
        await hub.StartAsync().Within("the hub connection to open");
        await hub.InvokeAsync(nameof(Dashboard.Server.Live.RunsHub.Subscribe), runId).Within("the hub's answer to Subscribe");

        await Waits.Until(() => snapshots.Count >= 3 && changes.Any(c => c.Id == runId && c.Status != RunStatus.Running), "three snapshots and the run's end over the hub", TimeSpan.FromSeconds(30));

        Assert.Single(histories);
        Assert.All(snapshots, s => Assert.Equal(runId, s.RunId));
        var samples = snapshots.SelectMany(s => s.Samples).ToList();
        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.Equal(s.LifetimeMs, s.AwakeMs + s.WaitingMs + s.AsleepMs, 1e-6)); // a tolerance, not rounding: a sum can straddle a rounding boundary
        Assert.Contains(snapshots, s => s.Tasks.Overall.Count > 0);
    }

    [Fact]
    public async Task LateSubscriber_GetsTheRunsRecentHistoryFirst()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var runId = await StartRun(client);
        // A few intervals pass before subscribing.
        await Waits.UntilAsync(
            async () => await client.GetFromJsonAsync<List<RunSnapshot>>($"/api/runs/{runId}/snapshots") is { Count: >= 3 } stored ? stored : null,
            "the run's first three snapshots");

        await using var hub = WebSocketHubConnection.Create(factory.Server, "/hubs/runs");
        var history = new TaskCompletionSource<IReadOnlyList<RunSnapshot>>();
        hub.On<string, IReadOnlyList<RunSnapshot>>(nameof(IRunsHubClient.History), (_, h) => history.TrySetResult(h));
        await hub.StartAsync().Within("the hub connection to open");
        await hub.InvokeAsync("Subscribe", runId).Within("the hub's answer to Subscribe");

        var received = await history.Task.Within("the hub's History message", TimeSpan.FromSeconds(10));
        Assert.True(received.Count >= 2, $"expected the intervals so far, got {received.Count}");
        Assert.Equal(received.Select(s => s.Sequence).Order(), received.Select(s => s.Sequence));
    }

    [Fact]
    public async Task BadHubCalls_GetAnErrorAndTheConnectionStaysUp()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        await using var hub = WebSocketHubConnection.Create(factory.Server, "/hubs/runs");
        await hub.StartAsync().Within("the hub connection to open");

        var unknown = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", "no-such-run").Within("the hub's answer to Subscribe"));
        Assert.Contains("no-such-run", unknown.Message);
        var empty = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Stop", "").Within("the hub's answer to Stop"));
        Assert.Contains("runId", empty.Message);

        var runId = await StartRun(client);
        var badRate = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RunInfo>("Change", runId, new RunChange { Rate = -3 }).Within("the hub's answer to Change"));
        Assert.Contains("rate", badRate.Message);

        Assert.Equal(HubConnectionState.Connected, hub.State);
        var runs = await hub.InvokeAsync<List<RunInfo>>("ListRuns").Within("the hub's answer to ListRuns");
        Assert.Contains(runs, r => r.Id == runId);
        var stopped = await hub.InvokeAsync<RunInfo>("Stop", runId).Within("the hub's answer to Stop");
        Assert.Equal(runId, stopped.Id);
    }

    private static async Task<string> StartRun(HttpClient client)
    {
        var response = await client.PostAsync("/api/runs", new StringContent(Scenario, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunCreated>())!.Id;
    }
}
