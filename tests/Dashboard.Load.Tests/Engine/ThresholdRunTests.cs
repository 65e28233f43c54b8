using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Engine;
using Dashboard.Load.Statistics;
using Dashboard.Load.Tests.Support;
using Dashboard.Load.Thresholds;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Load.Tests.Engine;

[Collection(NetworkCollection.Name)]
public sealed class ThresholdRunTests : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly TestHttpServer _server;

    public ThresholdRunTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.ResetCounters();
    }

    [Fact]
    public async Task Run_ThresholdsPassAndFailAsWritten()
    {
        ScenarioDefinition scenario = TestScenarios.Inject(100, "500ms") with
        {
            Thresholds =
            [
                new ThresholdDefinition { Expression = "latency.p99 < 5s" },
                new ThresholdDefinition { Expression = "errors.rate < 1%" },
                new ThresholdDefinition { Expression = "requests.count >= 50" },
                new ThresholdDefinition { Expression = "throughput > 1000000" },
                new ThresholdDefinition { Expression = "loop.waiting.p99 < 5ms" },
                new ThresholdDefinition { Expression = "loop.utilization < 80%" },
            ],
        };
        var loop = new LoopMetricsSource(() => new Dictionary<string, double> { ["loop.utilization"] = 42 });
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(scenario, new LoadRunOptions { LoopMetrics = loop });
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        Assert.Equal(
            [true, true, true, false, false, true],
            summary.Thresholds.Select(t => t.Passed).ToArray());
        Assert.Equal("latency.p99 < 5s", summary.Thresholds[0].Expression);
        Assert.Contains("not available", summary.Thresholds[4].Message);
        Assert.Equal(42, summary.Thresholds[5].Actual);
        Assert.False(summary.Passed);
        Assert.Equal(RunOutcome.Completed, summary.Outcome);
    }

    [Fact]
    public async Task Run_AllThresholdsPass_SummaryPasses()
    {
        ScenarioDefinition scenario = TestScenarios.Inject(100, "300ms") with
        {
            Thresholds = [new ThresholdDefinition { Expression = "errors.rate < 1%", AbortOnFail = true }],
        };
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(scenario);
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        Assert.True(summary.Passed);
        Assert.Equal(RunOutcome.Completed, summary.Outcome);
    }

    [Fact]
    public async Task Run_AbortOnFailThresholdFails_RunStopsEarly()
    {
        _server.Handler = (_, _) => Task.FromResult(Results.StatusCode(500));
        ScenarioDefinition scenario = TestScenarios.Inject(100, "20s") with
        {
            Thresholds =
            [
                new ThresholdDefinition { Expression = "errors.rate < 1%", AbortOnFail = true },
                new ThresholdDefinition { Expression = "latency.p99 < 5s" },
            ],
        };
        LoadEngine engine = TestScenarios.EngineFor(_server);
        await using LoadRun run = await engine.StartAsync(scenario);
        RunSummary summary = await run.Completion.Within("the end of the run", Limit);

        Assert.Equal(RunOutcome.ThresholdAborted, summary.Outcome);
        Assert.Contains("errors.rate < 1%", summary.OutcomeMessage);
        Assert.True(summary.DurationSeconds < 5, $"ran {summary.DurationSeconds} s");
        Assert.False(summary.Thresholds[0].Passed);
        Assert.True(summary.Thresholds[1].Passed);
    }
}
