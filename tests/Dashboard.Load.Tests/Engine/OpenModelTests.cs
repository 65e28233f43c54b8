using Dashboard.Contracts.Scenarios;
using Dashboard.EventLoop.Metrics;
using Dashboard.Load.Engine;
using Dashboard.Load.Statistics;
using Dashboard.Load.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Load.Tests.Engine;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NetworkCollection
{
    public const string Name = "network";
}

[Collection(NetworkCollection.Name)]
public sealed class OpenModelTests : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly TestHttpServer _server;

    public OpenModelTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.ResetCounters();
    }

    [Fact]
    public async Task Inject_ThousandPerSecondForFiveSeconds_SendsFiveThousandWithinOnePercent()
    {
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(TestScenarios.Inject(1_000, "5s"));
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        Assert.Equal(RunOutcome.Completed, summary.Outcome);
        Assert.InRange(summary.Load.Requests, 4_950, 5_050);
        Assert.InRange(_server.Requests, 4_950, 5_050);
        Assert.Equal(summary.Load.Requests, summary.Load.Successes);
        Assert.Equal(0, summary.Load.Dropped);
        Assert.Equal(summary.Load.Requests, summary.Load.StatusCodes[200]);
        Assert.InRange(summary.DurationSeconds, 5.0, 8.0);
        Assert.True(summary.Load.BytesSent > 0 && summary.Load.BytesReceived > 0);
        Assert.True(summary.Load.Latency.P50 <= summary.Load.Latency.P99);
        Assert.True(summary.Load.Latency.P99 <= summary.Load.Latency.Max);
    }

    [Fact]
    public async Task ServerStallsOnce_CorrectedLatencyShowsItForEveryRequestScheduledDuringIt_RawDoesNot()
    {
        const int StallAt = 100;
        LoadEngine engine = TestScenarios.EngineFor(_server);

        // Warm the engine's own code paths first, so the only slow moment is the stall.
        await using (LoadRun warmUp = await engine.StartAsync(TestScenarios.Inject(200, "300ms", connections: 1)))
        {
            await warmUp.Completion.Within("the end of the warm-up run", Limit);
        }

        _server.ResetCounters();
        _server.Handler = async (_, number) =>
        {
            if (number == StallAt)
            {
                await Task.Delay(200);
            }

            return Results.Text("ok");
        };

        // One connection, as in wrk2's demonstration: while it is stuck, later requests wait
        // for it; their wait belongs to their latency.
        await using LoadRun run = await engine.StartAsync(TestScenarios.Inject(100, "2s", connections: 1));
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        Assert.InRange(summary.Load.Requests, 195, 205);
        long correctedSlow = CountAtLeast(summary.LatencyHistogram!, 50_000);
        long rawSlow = CountAtLeast(summary.RawLatencyHistogram!, 50_000);

        // About 20 arrivals fall in the 200 ms stall; the ones in its first 150 ms wait ≥ 50 ms
        // counted from their intended start, while only the stalled request itself was slow on
        // the wire. (A shared two-core machine may add a slow moment of its own: hence ranges.)
        string figures = $"corrected ≥ 50 ms: {correctedSlow}, raw ≥ 50 ms: {rawSlow}, lateness max {summary.Load.SendLateness.Max}";
        Assert.True(correctedSlow >= 12, figures);
        Assert.True(rawSlow is >= 1 and <= 4, figures);
        Assert.True(correctedSlow - rawSlow >= 10, figures);
        Assert.True(summary.Load.Latency.Max >= 190, $"corrected max {summary.Load.Latency.Max}");
        Assert.True(summary.Load.RawLatency.P99 < 50, $"raw p99 {summary.Load.RawLatency.P99}");
        Assert.True(summary.Load.Latency.P95 >= 50, $"corrected p95 {summary.Load.Latency.P95}");
        Assert.True(summary.Load.SendLateness.Max >= 100, $"lateness max {summary.Load.SendLateness.Max}");
    }

    [Fact]
    public async Task MaxInFlightReached_ArrivalsAreDroppedAndCounted()
    {
        _server.Handler = async (context, _) =>
        {
            await Task.Delay(400, context.RequestAborted);
            return Results.Text("slow");
        };
        ScenarioDefinition scenario = TestScenarios.Inject(200, "1s", connections: 2) with { MaxInFlight = 10 };

        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(scenario);
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        // 2 on the wire + 8 queued at most; each connection frees every ~400 ms.
        Assert.Equal(200, summary.Load.Sent + summary.Load.Dropped + summary.Load.Abandoned);
        Assert.InRange(summary.Load.Dropped, 150, 195);
        Assert.True(summary.Load.DropRate > 70);
        Assert.Equal(summary.Load.Dropped, summary.Load.Kinds[0].Dropped);
        Assert.InRange(_server.MaxConcurrent, 1, 2);
    }

    [Fact]
    public async Task SetRate_DuringInject_ChangesTheRateForTheRestOfThePhase()
    {
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(TestScenarios.Inject(100, "3s"));
        await Task.Delay(1_000);
        // A busy machine may wake the test late: the change is measured on the run's own clock,
        // not assumed to land at one second.
        double changeNotBefore = run.ElapsedSeconds;
        run.SetRate(400);
        await Waits.Until(() => run.TargetRate == 400, "the run to take the new rate");
        double changeNotAfter = run.ElapsedSeconds;
        Assert.Throws<ArgumentOutOfRangeException>(() => run.SetRate(-1));
        Assert.Throws<InvalidOperationException>(() => run.SetCopies(3));
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        // 100/s until the change, 400/s for the rest of the three seconds (10 % either side).
        Assert.InRange(changeNotBefore, 0.5, 2.5);
        double fewest = (100 * changeNotAfter + 400 * (3 - changeNotAfter)) * 0.9;
        double most = (100 * changeNotBefore + 400 * (3 - changeNotBefore)) * 1.1;
        // Up to a change at 2.5 s, even the fewest allowed (405) is more than 100/s alone would send (300).
        Assert.InRange((double)summary.Load.Requests, fewest, most);
    }

    [Fact]
    public async Task EveryRequest_CarriesAUniqueCorrelationIdWithTheRunPrefix()
    {
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(TestScenarios.Inject(200, "500ms"), new LoadRunOptions { RunId = "run/42" });
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        Assert.Equal("run_42", summary.CorrelationPrefix);
        string[] ids = _server.CorrelationIds.ToArray();
        Assert.Equal(summary.Load.Requests, ids.Length);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(@"^run_42-\d{12}$", id));
    }

    [Fact]
    public async Task Intervals_AreReportedAndSumToTheTotals()
    {
        var seen = new List<IntervalStatistics>();
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(
            TestScenarios.Inject(300, "1s"),
            new LoadRunOptions { OnInterval = seen.Add });
        var read = new List<IntervalStatistics>();
        await foreach (IntervalStatistics interval in run.Intervals.ReadAllAsync())
        {
            read.Add(interval);
        }

        RunSummary summary = await run.Completion.Within("the end of the run", Limit);
        // Five 200 ms intervals of sending, then as many as the drain of what is still in flight
        // takes; with a busy machine beside it the drain once took a fourth, so only the floor
        // is tight and the ceiling is the run plus a couple of seconds of drain.
        Assert.InRange(read.Count, 5, 15);
        Assert.Equal(read.Count, summary.Intervals);
        Assert.Equal(read.Select(i => i.Index), Enumerable.Range(0, read.Count));
        Assert.Equal(summary.Load.Requests, read.Sum(i => i.Load.Requests));
        Assert.Equal(read.Select(i => i.Index), seen.Select(i => i.Index));
        Assert.Equal("inject", read[0].Phase);
        Assert.Equal(300, read[0].TargetRate);
        Assert.InRange(read[1].Load.Throughput, 200, 400);
        Assert.InRange(read[1].DurationSeconds, 0.15, 0.35);
    }

    [Fact]
    public async Task Stop_EndsALongRunEarly()
    {
        LoadEngine engine = TestScenarios.EngineFor(_server);
        LoadRun run = await engine.StartAsync(TestScenarios.Inject(100, "1m"));
        await Task.Delay(300);
        run.Stop();
        RunSummary summary = await run.Completion.Within("the end of the run", TimeSpan.FromSeconds(10));

        Assert.Equal(RunOutcome.Stopped, summary.Outcome);
        Assert.True(summary.DurationSeconds < 5);
        Assert.InRange(summary.Load.Requests, 10, 100);
    }

    [Fact]
    public async Task Cancellation_EndsTheRunAndAbandonsWhatIsInFlight()
    {
        _server.Handler = async (context, _) =>
        {
            await Task.Delay(3_000, context.RequestAborted);
            return Results.Text("late");
        };
        using var cancellation = new CancellationTokenSource();
        LoadEngine engine = TestScenarios.EngineFor(_server);
        LoadRun run = await engine.StartAsync(TestScenarios.Inject(50, "1m", connections: 4), cancellationToken: cancellation.Token);
        await Task.Delay(300);
        await cancellation.CancelAsync();
        RunSummary summary = await run.Completion.Within("the end of the run", TimeSpan.FromSeconds(10));

        Assert.Equal(RunOutcome.Cancelled, summary.Outcome);
        Assert.True(summary.DurationSeconds < 3);
        Assert.True(summary.Load.Abandoned >= 4, $"abandoned {summary.Load.Abandoned}");
        Assert.Equal(0, summary.Load.Requests);
    }

    [Fact]
    public async Task SlowServer_RequestsTimeOutAndAreCountedAsTimeouts()
    {
        _server.Handler = async (context, _) =>
        {
            await Task.Delay(1_500, context.RequestAborted);
            return Results.Text("late");
        };
        ScenarioDefinition scenario = TestScenarios.Inject(20, "500ms", connections: 20) with { RequestTimeout = "200ms" };
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(scenario);
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        Assert.Equal(10, summary.Load.Requests);
        Assert.Equal(10, summary.Load.Errors.Timeout);
        Assert.Equal(10, summary.Load.Failures);
        Assert.Equal(100, summary.Load.ErrorRate);
    }

    [Fact]
    public async Task ErrorStatus_CountsAsFailureByStatusCode()
    {
        _server.Handler = (_, number) => Task.FromResult(number % 2 == 0 ? Results.StatusCode(503) : Results.Text("ok"));
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(TestScenarios.Inject(100, "500ms", connections: 1));
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        Assert.Equal(50, summary.Load.Requests);
        Assert.Equal(25, summary.Load.StatusCodes[503]);
        Assert.Equal(25, summary.Load.StatusCodes[200]);
        Assert.Equal(25, summary.Load.Failures);
        Assert.Equal(50, summary.Load.ErrorRate);
    }

    [Fact]
    public async Task NoServerListening_RequestsFailAsRefused()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var engine = new LoadEngine(new LoadEngineOptions { LoopServerAddress = new Uri($"http://127.0.0.1:{port}") });
        await using LoadRun run = await engine.StartAsync(TestScenarios.Inject(40, "500ms", connections: 2));
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        Assert.Equal(20, summary.Load.Requests);
        Assert.Equal(20, summary.Load.Errors.Refused);
        Assert.Equal(0, summary.Load.Sent);
    }

    [Fact]
    public async Task RequestMix_SplitsByWeightAndReportsPerKind()
    {
        ScenarioDefinition scenario = TestScenarios.Inject(400, "1s") with
        {
            Seed = 5,
            Requests =
            [
                new ScenarioRequest { Name = "seq", Weight = 3, Workload = "sequential" },
                new ScenarioRequest { Name = "gath", Weight = 1, Workload = "gathered", Body = System.Text.Json.JsonDocument.Parse("{\"n\":1}").RootElement },
            ],
        };
        var paths = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _server.Handler = (context, _) =>
        {
            paths.Enqueue($"{context.Request.Method} {context.Request.Path}");
            return Task.FromResult(Results.Text("ok"));
        };
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(scenario);
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        RequestKindStatistics seq = summary.Load.Kinds[0];
        RequestKindStatistics gath = summary.Load.Kinds[1];
        Assert.Equal(("seq", "gath"), (seq.Name, gath.Name));
        Assert.Equal(400, seq.Requests + gath.Requests);
        Assert.InRange(seq.Requests, 260, 340);
        Assert.Equal(seq.Requests, paths.Count(p => p == "GET /w/sequential"));
        Assert.Equal(gath.Requests, paths.Count(p => p == "POST /w/gathered"));
        Assert.True(seq.Latency.Count == seq.Requests && gath.Latency.Count == gath.Requests);
    }

    private static long CountAtLeast(LogLinearHistogram histogram, long microseconds) =>
        histogram.EnumerateBuckets().Where(b => b.LowestValue >= microseconds).Sum(b => b.Count);
}
