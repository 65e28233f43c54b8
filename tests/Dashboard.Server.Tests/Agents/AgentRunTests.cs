using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Contracts.Agents;
using Dashboard.Contracts.Runs;
using Dashboard.EventLoop.Metrics;
using Dashboard.Load.Statistics;
using Dashboard.Server.Cli;
using Dashboard.Server.Distributed;
using Dashboard.Testing;
using NATS.Client.Core;

namespace Dashboard.Server.Tests.Agents;

/// <summary>Runs split across two real agent processes through a real broker.</summary>
[Collection(AgentProcessesCollection.Name)]
public sealed class AgentRunTests
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunOnTwoAgents_ReachesTheRate_MergedCountIsTheSum_AndMergedP99IsTheUnionsP99()
    {
        await using var cluster = await AgentCluster.StartAsync(agents: 2);
        // Every interval the agents send, read off the broker as the coordinator reads them.
        await using var listener = new NatsConnection(NatsOpts.Default with { Url = cluster.Broker.Url, AuthOpts = NatsAuthOpts.Default with { Token = cluster.Broker.Token } });
        await listener.ConnectAsync();
        var sent = new List<ShareInterval>();
        await using var subscription = await listener.SubscribeCoreAsync<byte[]>("loopdash.run.*.interval");
        var collecting = Task.Run(async () =>
        {
            await foreach (var message in subscription.Msgs.ReadAllAsync())
            {
                lock (sent)
                {
                    sent.Add(AgentWire.Decode<ShareInterval>(message.Data, AgentWire.MaxIntervalBytes, out _)!);
                }
            }
        });

        var id = await StartAsync(cluster, """
            { "name": "split", "target": { "workload": "hello" }, "agents": 2,
              "phases": [ { "inject": { "rate": 600, "during": "5s" } } ], "connections": 20,
              "thresholds": [ "latency.p99 < 10s", "errors.rate < 1%" ] }
            """);
        var run = await EndedAsync(cluster, id);

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.True(run.Passed, run.Message);
        Assert.InRange(run.Key.ThroughputPerSecond, 600 * 0.98, 600 * 1.02);
        var agents = run.Agents!;
        Assert.Equal(["east", "west"], agents.Select(a => a.Name).Order());
        Assert.All(agents, a =>
        {
            Assert.Equal(RunAgentStates.Done, a.State);
            Assert.Equal(0.5, a.Share);
            Assert.InRange(a.ThroughputPerSecond, 300 * 0.98, 300 * 1.02);
            Assert.NotNull(a.LatencyP99Ms);
            Assert.NotNull(a.SendLatenessP99Ms);
            Assert.NotNull(a.ClockOffsetMs);
        });
        Assert.Equal(agents.Sum(a => a.Requests), run.Key.Requests);

        // Every report says which agent did what.
        var html = await cluster.Client.GetStringAsync($"/api/runs/{id}/report.html");
        Assert.Contains(RunAgentText.Title, html);
        Assert.Contains("<td class=\"text\">east</td>", html);
        Assert.Contains("<td class=\"text\">west</td>", html);
        using (var zip = new System.IO.Compression.ZipArchive(await cluster.Client.GetStreamAsync($"/api/runs/{id}/report.csv.zip")))
        {
            using var reader = new StreamReader(zip.GetEntry("agents.csv")!.Open());
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("Agent,Host,State,Share,Requests", lines[0]);
        }

        var json = await cluster.Client.GetStringAsync($"/api/runs/{id}/report.json");
        Assert.Contains("\"agents\": [", json.Replace("\"agents\":[", "\"agents\": ["));

        await Waits.Until(() => { lock (sent) { return sent.Count(s => s.RunId == id) >= 20; } }, "the agents' intervals read off the broker");
        ShareInterval[] mine;
        lock (sent)
        {
            mine = sent.Where(s => s.RunId == id && !s.Interval.WarmUp).ToArray();
        }

        var union = new LogLinearHistogram((long)TimeSpan.FromMinutes(5).TotalMicroseconds);
        foreach (var bucket in mine.SelectMany(s => s.Histograms().Corrected))
        {
            union.Record(bucket.LowestValue, bucket.Count);
        }

        Assert.Equal(run.Key.Requests, mine.Sum(s => s.Interval.Load.Requests));
        Assert.Equal(LatencySummary.FromMicroseconds(union).P99, run.Key.LatencyP99Ms);
        Assert.Equal(LatencySummary.FromMicroseconds(union).P50, run.Key.LatencyP50Ms);
        await listener.DisposeAsync();
        await collecting.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task ChangeAndStop_ReachBothAgents()
    {
        await using var cluster = await AgentCluster.StartAsync(agents: 2);
        var id = await StartUnderWayAsync(cluster, """
            { "name": "steer", "target": { "workload": "hello" }, "agents": 2,
              "phases": [ { "inject": { "rate": 100, "during": "40s" } } ], "connections": 20 }
            """, intervals: 2);

        var change = await cluster.Client.PatchAsync($"/api/runs/{id}", JsonContent.Create(new RunChange { Rate = 500 }));
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        await UntilAsync(cluster, id, r => r.Agents!.All(a => a.Requests > 0) && Snapshot(cluster, id) > 400, "the merged rate near 500 after the change");

        var stop = await cluster.Client.PostAsync($"/api/runs/{id}/stop", null);
        Assert.True(stop.IsSuccessStatusCode, await stop.Content.ReadAsStringAsync());
        var run = await EndedAsync(cluster, id);

        Assert.Equal(RunStatus.Stopped, run.Status);
        Assert.True(run.ElapsedSeconds < 30, $"stopped after {run.ElapsedSeconds} s");
        Assert.All(run.Agents!, a => Assert.Equal(RunAgentStates.Done, a.State));
        await cluster.UntilAgentsAsync(s => s.Agents.All(a => a.Running is null), "both agents idle again");
    }

    [Fact]
    public async Task AgentKilledMidRun_IsReportedLost_AndTheRunCompletesWithTheOther()
    {
        await using var cluster = await AgentCluster.StartAsync(agents: 2);
        var id = await StartUnderWayAsync(cluster, """
            { "name": "lose-one", "target": { "workload": "hello" }, "agents": 2,
              "phases": [ { "inject": { "rate": 200, "during": "7s" } } ], "connections": 10 }
            """, intervals: 3);

        cluster.Agent("west").Kill();
        var run = await EndedAsync(cluster, id);

        Assert.Equal(RunStatus.Completed, run.Status);
        var west = run.Agents!.Single(a => a.Name == "west");
        var east = run.Agents!.Single(a => a.Name == "east");
        Assert.Equal(RunAgentStates.Lost, west.State);
        Assert.Contains("no heartbeat for more than 1.5 s", west.Message);
        Assert.Contains("not counted as zero", west.Message);
        Assert.Equal(RunAgentStates.Done, east.State);
        Assert.Equal(east.Requests + west.Requests, run.Key.Requests);
        Assert.InRange(east.Requests, 600, 800);
    }

    [Fact]
    public async Task AgentStoppedMidRun_SaysWhy_ItsShareFailed_AndTheRunCompletesWithTheOther()
    {
        await using var cluster = await AgentCluster.StartAsync(agents: 2);
        var id = await StartUnderWayAsync(cluster, """
            { "name": "stop-one", "target": { "workload": "hello" }, "agents": 2,
              "phases": [ { "inject": { "rate": 100, "during": "6s" } } ], "connections": 10 }
            """, intervals: 2);

        cluster.Agent("east").Terminate();
        var run = await EndedAsync(cluster, id);

        Assert.Equal(RunStatus.Completed, run.Status);
        var east = run.Agents!.Single(a => a.Name == "east");
        Assert.Equal(RunAgentStates.Failed, east.State);
        Assert.Equal("agent east was stopped (Ctrl+C or SIGTERM)", east.Message);
        Assert.Equal(RunAgentStates.Done, run.Agents!.Single(a => a.Name == "west").State);
        Assert.Equal(CommandLineEntry.Passed, await cluster.Agent("east").ExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task AgentLost_WithOnAgentLostAbort_AbortsTheRunNamingTheAgent()
    {
        await using var cluster = await AgentCluster.StartAsync(agents: 2);
        var id = await StartUnderWayAsync(cluster, """
            { "name": "abort-on-loss", "target": { "workload": "hello" }, "agents": 2, "onAgentLost": "abort",
              "phases": [ { "inject": { "rate": 100, "during": "30s" } } ], "connections": 10 }
            """, intervals: 2);

        cluster.Agent("east").Kill();
        var run = await EndedAsync(cluster, id);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("aborted: agent east was lost (onAgentLost: abort)", run.Message);
        Assert.True(run.ElapsedSeconds < 20, $"ran {run.ElapsedSeconds} s");
    }

    [Fact]
    public async Task BrokerLostMidRun_TheRunIsMarked_AndWhatTheAgentsSentIsKept()
    {
        await using var cluster = await AgentCluster.StartAsync(agents: 2);
        var id = await StartUnderWayAsync(cluster, """
            { "name": "broker-gone", "target": { "workload": "hello" }, "agents": 2,
              "phases": [ { "inject": { "rate": 100, "during": "30s" } } ], "connections": 10 }
            """, intervals: 2);

        await cluster.Broker.DisposeAsync();
        var run = await EndedAsync(cluster, id);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal($"the NATS broker at {cluster.Broker.Url} was lost mid-run: no agent could be heard any more. What they sent until then is kept.", run.Message);
        Assert.True(run.Key.Requests > 0);
        Assert.All(run.Agents!, a =>
        {
            Assert.Equal(RunAgentStates.Lost, a.State);
            Assert.Contains("with the NATS broker", a.Message);
        });
        var snapshots = await cluster.Client.GetFromJsonAsync<RunSnapshot[]>($"/api/runs/{id}/snapshots");
        Assert.NotEmpty(snapshots!);
    }

    [Fact]
    public async Task Refusals_AreNamed_TargetOutsideTheAgentsAllowList_TooFewAgents()
    {
        await using var cluster = await AgentCluster.StartAsync(agents: 1, allowLoopServer: false);

        var outside = await PostAsync(cluster, """
            { "name": "refused", "target": { "workload": "hello" }, "agents": 1, "phases": [ { "inject": { "rate": 10, "during": "1s" } } ] }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var body = await outside.Content.ReadAsStringAsync();
        Assert.Contains($"agent east: refused: the target {cluster.LoopServer} is not among the targets agent east allows", body);
        Assert.Contains($"--allow {cluster.LoopServer}", body);

        var tooMany = await PostAsync(cluster, """
            { "name": "too-many", "target": { "workload": "hello" }, "agents": 3, "phases": [ { "inject": { "rate": 10, "during": "1s" } } ] }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("asked for 3 agent(s); 1 live and idle: east", await tooMany.Content.ReadAsStringAsync());
        await cluster.UntilAgentsAsync(s => s.Agents.Single().Running is null, "the agent still idle after refusing");
    }

    [Fact]
    public async Task BrokerDownAtStart_TheRunIsRefusedNamingTheBroker()
    {
        var port = NatsBroker.FreePort();
        await using var dashboard = new DashboardFactory()
            .With("Distributed:Nats", $"nats://127.0.0.1:{port}")
            .With("Distributed:ConnectTimeout", "00:00:00.500");
        using var client = dashboard.CreateClient();

        var response = await client.PostAsync("/api/runs", new StringContent("""
            { "name": "no-broker", "target": { "workload": "hello" }, "agents": 2, "phases": [ { "inject": { "rate": 10, "during": "1s" } } ] }
            """, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"path\":\"agents\"", body);
        Assert.Contains($"nats://127.0.0.1:{port}", body);
    }

    [Fact]
    public async Task NoBrokerConfigured_ARunOnAgentsIsRefusedSayingHowToConfigureOne()
    {
        await using var dashboard = new DashboardFactory();
        using var client = dashboard.CreateClient();

        var response = await client.PostAsync("/api/runs", new StringContent("""
            { "name": "no-broker", "target": { "workload": "hello" }, "agents": "all", "phases": [ { "inject": { "rate": 10, "during": "1s" } } ] }
            """, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("this dashboard coordinates no agents: start it with --Distributed:Nats", await response.Content.ReadAsStringAsync());
    }

    private static double Snapshot(AgentCluster cluster, string id)
    {
        var snapshots = cluster.Client.GetFromJsonAsync<RunSnapshot[]>($"/api/runs/{id}/snapshots").GetAwaiter().GetResult()!;
        return snapshots.Length == 0 ? 0 : snapshots[^1].Load.ThroughputPerSecond;
    }

    private static Task<HttpResponseMessage> PostAsync(AgentCluster cluster, string scenario) =>
        cluster.Client.PostAsync("/api/runs", new StringContent(scenario, Encoding.UTF8, "application/json"));

    private static async Task<string> StartAsync(AgentCluster cluster, string scenario)
    {
        var response = await PostAsync(cluster, scenario);
        Assert.True(response.IsSuccessStatusCode, $"{await response.Content.ReadAsStringAsync()}\n{cluster.Printed()}");
        return (await response.Content.ReadFromJsonAsync<RunCreated>())!.Id;
    }

    /// <summary>Starts a run on the cluster's agents and waits until every agent has sent <paramref name="intervals"/> intervals.</summary>
    private static async Task<string> StartUnderWayAsync(AgentCluster cluster, string scenario, int intervals)
    {
        var id = await StartAsync(cluster, scenario);
        await UntilAsync(cluster, id, r => r.Agents!.All(a => a.Intervals >= intervals), $"every agent's first {intervals} intervals");
        return id;
    }

    private static Task<RunInfo> EndedAsync(AgentCluster cluster, string id) =>
        UntilAsync(cluster, id, r => r.Status != RunStatus.Running, $"run {id} to end");

    private static async Task<RunInfo> UntilAsync(AgentCluster cluster, string id, Func<RunInfo, bool> condition, string what)
    {
        RunInfo? last = null;
        try
        {
            return await Waits.UntilAsync(async () =>
            {
                last = (await cluster.Client.GetFromJsonAsync<Detail>($"/api/runs/{id}"))!.Run;
                return condition(last) ? last : null;
            }, what, RunDeadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nlast run: {System.Text.Json.JsonSerializer.Serialize(last)}\n{cluster.Printed()}", ex);
        }
    }

    private sealed record Detail(RunInfo Run);
}
