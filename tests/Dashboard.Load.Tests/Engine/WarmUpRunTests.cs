using Dashboard.Load.Engine;
using Dashboard.Load.Statistics;
using Dashboard.Load.Tests.Support;

namespace Dashboard.Load.Tests.Engine;

/// <summary>A run with a warm-up: the same load first, counted apart, with its own correlation ids.</summary>
[Collection(NetworkCollection.Name)]
public sealed class WarmUpRunTests : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly TestHttpServer _server;

    public WarmUpRunTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.ResetCounters();
    }

    [Fact]
    public async Task WarmUp_RunsTheSameLoadFirst_AndCountsInNoTotalOrThreshold()
    {
        LoadEngine engine = TestScenarios.EngineFor(_server);
        var scenario = TestScenarios.Inject(200, "1s") with
        {
            WarmUp = "1s",
            Thresholds = [new Contracts.Scenarios.ThresholdDefinition { Expression = "requests.count < 230" }],
        };
        var intervals = new List<IntervalStatistics>();
        await using LoadRun run = await engine.StartAsync(scenario, new LoadRunOptions { OnInterval = i => { lock (intervals) { intervals.Add(i); } } });
        RunSummary summary = await run.Completion.Within("the run's end", Limit);

        // 200 warm-up requests and 200 measured ones went out; only the measured count.
        Assert.InRange(_server.Requests, 396, 404);
        Assert.InRange(summary.Load.Requests, 198, 202);
        Assert.InRange(summary.WarmUp!.Requests, 198, 202);
        Assert.Equal(_server.Requests, summary.Load.Requests + summary.WarmUp.Requests);
        Assert.True(summary.Passed, string.Join("; ", summary.Thresholds.Select(t => t.Message)));
        Assert.Equal(1.0, summary.WarmUpSeconds, 2);
        Assert.InRange(summary.DurationSeconds, 1.0, 3.0);

        // Intervals of 200 ms: five of warm-up (ending exactly at 1 s), then the measured ones.
        IntervalStatistics[] warm = intervals.Where(i => i.WarmUp).ToArray();
        Assert.Equal(5, warm.Length);
        Assert.Equal(1.0, warm[^1].StartSeconds + warm[^1].DurationSeconds, 6);
        Assert.All(intervals.SkipWhile(i => i.WarmUp), i => Assert.False(i.WarmUp));
        Assert.Equal(summary.Load.Requests, intervals.Where(i => !i.WarmUp).Sum(i => i.Load.Requests));

        // The warm-up's requests say so in their correlation id.
        string[] ids = _server.CorrelationIds.ToArray();
        Assert.Equal(summary.WarmUp.Sent, ids.Count(id => id.StartsWith(run.WarmUpCorrelationPrefix + "-", StringComparison.Ordinal)));
        Assert.Equal(summary.Load.Sent, ids.Count(id => !id.StartsWith(run.WarmUpCorrelationPrefix, StringComparison.Ordinal) && id.StartsWith(run.CorrelationPrefix + "-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DuringTheWarmUp_TheRateCannotChange()
    {
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(TestScenarios.Inject(50, "1s") with { WarmUp = "1s" });

        Assert.True(run.WarmingUp);
        var refused = Assert.Throws<InvalidOperationException>(() => run.SetRate(100));
        Assert.Contains("warming up", refused.Message);
        await run.Completion.Within("the run's end", Limit);
    }

    [Fact]
    public void WarmUpBoundary_EndsTheWarmUpExactly_WithoutLeavingASliver()
    {
        // Intervals of 100 ticks, warm-up ends at 230: 100, 200, then 230 (not 200 and a 30-tick sliver... unless far enough).
        Assert.Equal(100, IntervalReporter.WarmUpBoundary(100, 230, 100));
        Assert.Equal(230, IntervalReporter.WarmUpBoundary(200, 230, 100));
        Assert.Equal(230, IntervalReporter.WarmUpBoundary(300, 230, 100));
        Assert.Equal(200, IntervalReporter.WarmUpBoundary(200, 260, 100));
    }
}
