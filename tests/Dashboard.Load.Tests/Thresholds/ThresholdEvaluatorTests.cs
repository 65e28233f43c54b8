using Dashboard.Load.Statistics;
using Dashboard.Load.Thresholds;

namespace Dashboard.Load.Tests.Thresholds;

public sealed class ThresholdEvaluatorTests
{
    private static readonly LoadStatistics Load = new()
    {
        Sent = 1_000,
        Requests = 1_000,
        Successes = 990,
        Failures = 10,
        Dropped = 0,
        Throughput = 200,
        ErrorRate = 1.0,
        Latency = new LatencySummary(990, 1, 5, 2, 4, 6, 8, 9, 12.5, 30, 40),
        RawLatency = new LatencySummary(990, 1, 3, 1, 3, 4, 5, 6, 7, 8, 9),
        SendLateness = new LatencySummary(1_000, 0, 0.1, 0.1, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2),
    };

    [Theory]
    [InlineData("latency.p99 < 50ms", true, 12.5)]
    [InlineData("latency.p99 < 10ms", false, 12.5)]
    [InlineData("latency.p50 <= 4ms", true, 4.0)]
    [InlineData("latency.p99.9 < 30ms", false, 30.0)]
    [InlineData("latency.max < 1s", true, 40.0)]
    [InlineData("latency.mean < 5ms", false, 5.0)]
    [InlineData("latency.raw.p99 < 8ms", true, 7.0)]
    [InlineData("lateness.max < 1ms", false, 2.0)]
    [InlineData("errors.rate < 1%", false, 1.0)]
    [InlineData("errors.rate <= 1%", true, 1.0)]
    [InlineData("errors.count < 11", true, 10.0)]
    [InlineData("throughput > 100", true, 200.0)]
    [InlineData("throughput > 1000", false, 200.0)]
    [InlineData("requests.count >= 1000", true, 1000.0)]
    [InlineData("dropped.count < 1", true, 0.0)]
    [InlineData("dropped.rate < 1%", true, 0.0)]
    public void Evaluate_LoadMetric_PassesOrFailsAsWritten(string text, bool passed, double actual)
    {
        ThresholdResult result = Evaluate(text, Load, loop: null);
        Assert.Equal(passed, result.Passed);
        Assert.Equal(actual, result.Actual!.Value, 1e-9);
        Assert.EndsWith(passed ? ": pass" : ": fail", result.Message);
    }

    [Fact]
    public void Evaluate_LoopMetricWithoutSource_FailsAsNotAvailable()
    {
        ThresholdResult result = Evaluate("loop.waiting.p99 < 5ms", Load, loop: null);
        Assert.False(result.Passed);
        Assert.Null(result.Actual);
        Assert.Equal("loop.waiting.p99: not available (no loop metrics were supplied): fail", result.Message);
    }

    [Fact]
    public void Evaluate_LoopMetricMissingFromSource_FailsAsNotAvailable()
    {
        ThresholdResult result = Evaluate("loop.waiting.p99 < 5ms", Load, new Dictionary<string, double> { ["loop.utilization"] = 50 });
        Assert.False(result.Passed);
        Assert.Contains("the loop metrics do not include it", result.Message);
    }

    [Fact]
    public void Evaluate_LoopMetricSupplied_IsJudged()
    {
        var loop = new Dictionary<string, double> { ["loop.waiting.p99"] = 3.2, ["loop.utilization"] = 95 };
        Assert.True(Evaluate("loop.waiting.p99 < 5ms", Load, loop).Passed);
        ThresholdResult utilization = Evaluate("loop.utilization < 90%", Load, loop);
        Assert.False(utilization.Passed);
        Assert.Equal("loop.utilization = 95% (limit < 90%): fail", utilization.Message);
    }

    [Fact]
    public void Evaluate_NoResponses_LatencyIsNotAvailable()
    {
        ThresholdResult result = Evaluate("latency.p99 < 50ms", new LoadStatistics(), loop: null);
        Assert.False(result.Passed);
        Assert.Contains("no response was received", result.Message);
        Assert.Contains("no request finished", Evaluate("errors.rate < 1%", new LoadStatistics(), null).Message);
    }

    private static ThresholdResult Evaluate(string text, LoadStatistics load, IReadOnlyDictionary<string, double>? loop)
    {
        Assert.True(ThresholdExpression.TryParse(text, false, out ThresholdExpression? expression, out string? error), error);
        return ThresholdEvaluator.Evaluate(expression!, load, loop);
    }
}
