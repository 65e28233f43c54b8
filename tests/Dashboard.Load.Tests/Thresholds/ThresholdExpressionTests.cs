using Dashboard.Load.Thresholds;

namespace Dashboard.Load.Tests.Thresholds;

public sealed class ThresholdExpressionTests
{
    [Theory]
    [InlineData("latency.p99 < 50ms", "latency.p99", ThresholdOperator.Less, 50.0)]
    [InlineData("latency.p50 <= 10ms", "latency.p50", ThresholdOperator.LessOrEqual, 10.0)]
    [InlineData("  latency.p99.9<1.5s ", "latency.p99.9", ThresholdOperator.Less, 1500.0)]
    [InlineData("latency.raw.max < 250us", "latency.raw.max", ThresholdOperator.Less, 0.25)]
    [InlineData("lateness.p99 < 1m", "lateness.p99", ThresholdOperator.Less, 60000.0)]
    [InlineData("errors.rate < 1%", "errors.rate", ThresholdOperator.Less, 1.0)]
    [InlineData("errors < 0.5%", "errors", ThresholdOperator.Less, 0.5)]
    [InlineData("throughput > 100", "throughput", ThresholdOperator.Greater, 100.0)]
    [InlineData("requests.count >= 10", "requests.count", ThresholdOperator.GreaterOrEqual, 10.0)]
    [InlineData("loop.waiting.p99 < 5ms", "loop.waiting.p99", ThresholdOperator.Less, 5.0)]
    [InlineData("loop.utilization <= 90%", "loop.utilization", ThresholdOperator.LessOrEqual, 90.0)]
    public void TryParse_ValidExpression_GivesMetricOperatorAndLimit(string text, string metric, ThresholdOperator op, double limit)
    {
        Assert.True(ThresholdExpression.TryParse(text, abortOnFail: true, out ThresholdExpression? expression, out string? error), error);
        Assert.Equal(metric, expression!.Metric);
        Assert.Equal(op, expression.Operator);
        Assert.Equal(limit, expression.Limit, 1e-9);
        Assert.True(expression.AbortOnFail);
        Assert.Equal(text.Trim(), expression.Text);
    }

    [Theory]
    [InlineData("", "expected \"metric operator value\"")]
    [InlineData("latency.p99", "expected \"metric operator value\"")]
    [InlineData("latency.p99 = 5ms", "expected \"metric operator value\"")]
    [InlineData("latency.p99 < -5ms", "expected \"metric operator value\"")]
    [InlineData("latncy.p99 < 5ms", "unknown metric \"latncy.p99\" (did you mean \"latency.p99\"?)")]
    [InlineData("bogus < 5", "unknown metric \"bogus\"; expected one of latency.{p50,")]
    [InlineData("latency.p99 < 5", "latency.p99 is a duration")]
    [InlineData("latency.p99 < 5%", "latency.p99 is a duration")]
    [InlineData("errors.rate < 0.01", "errors.rate is a percentage")]
    [InlineData("errors.rate < 101%", "expected a value from 0% to 100%")]
    [InlineData("throughput > 5ms", "throughput is a plain number")]
    public void TryParse_InvalidExpression_SaysWhy(string text, string error)
    {
        Assert.False(ThresholdExpression.TryParse(text, abortOnFail: false, out _, out string? message));
        Assert.Contains(error, message);
    }

    [Theory]
    [InlineData(ThresholdOperator.Less, 4.9, true)]
    [InlineData(ThresholdOperator.Less, 5, false)]
    [InlineData(ThresholdOperator.LessOrEqual, 5, true)]
    [InlineData(ThresholdOperator.Greater, 5, false)]
    [InlineData(ThresholdOperator.GreaterOrEqual, 5, true)]
    [InlineData(ThresholdOperator.Greater, 5.1, true)]
    public void IsSatisfiedBy_ComparesAsWritten(ThresholdOperator op, double actual, bool expected)
    {
        var expression = new ThresholdExpression("x", "throughput", MetricKind.Number, op, 5, false);
        Assert.Equal(expected, expression.IsSatisfiedBy(actual));
    }

    [Fact]
    public void LoopMetricNames_AreAllParseable()
    {
        Assert.Contains("loop.waiting.p99", ThresholdMetrics.LoopMetricNames);
        foreach (string name in ThresholdMetrics.LoopMetricNames)
        {
            string value = ThresholdMetrics.KindOf(name) switch
            {
                MetricKind.Duration => "1ms",
                MetricKind.Percent => "1%",
                _ => "1",
            };
            Assert.True(ThresholdExpression.TryParse($"{name} < {value}", false, out _, out string? error), error);
        }
    }
}
