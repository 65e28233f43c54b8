using Dashboard.Server.Analysis;

namespace Dashboard.Server.Tests.Analysis;

public sealed class VerdictBuilderTests
{
    private static VerdictInput Input(
        double utilization = 0.62,
        double waitingMean = 0.1,
        double waitingP99 = 0.3,
        double latencyMean = 30,
        IReadOnlyList<(double, double?, double, int, double)>? series = null,
        IReadOnlyList<BlockerKindTotals>? blockers = null) => new()
    {
        Requests = 10_000,
        Utilization = utilization,
        WaitingMeanMs = waitingMean,
        WaitingP99Ms = waitingP99,
        LatencyMeanMs = latencyMean,
        Series = series ?? Enumerable.Range(0, 10).Select(i => (i * 0.5, (double?)200, 0.3, 5, utilization)).ToArray(),
        Blockers = blockers ?? [],
    };

    [Fact]
    public void SteadyModestLoad_IsHealthyAndNamesItsFigures()
    {
        var verdict = VerdictBuilder.Build(Input());

        Assert.Equal("healthy", verdict.Kind);
        Assert.Equal("Healthy: utilization 62 %, waiting p99 0.3 ms (0 % of latency).", verdict.Text);
        Assert.Equal(62, verdict.Figures["utilizationPercent"]);
    }

    [Fact]
    public void FullLoopWithGrowingWaiting_IsSaturatedFromTheRateWhereItBegan()
    {
        var series = Enumerable.Range(0, 20)
            .Select(i => (i * 0.5, (double?)(100 + (i * 20)), i < 10 ? 0.5 : (i - 9) * 40.0, i < 10 ? 3 : (i - 9) * 20, i < 10 ? 0.5 : 0.99))
            .ToArray();

        var verdict = VerdictBuilder.Build(Input(utilization: 0.8, waitingMean: 70, waitingP99: 400, latencyMean: 100, series: series));

        Assert.Equal("saturated", verdict.Kind);
        Assert.StartsWith("Saturated from ~300 req/s:", verdict.Text);
        Assert.Contains("70 % of latency is waiting", verdict.Text);
        Assert.True(verdict.Figures["waitingGrowthMsPerSecond"] > 1);
    }

    [Fact]
    public void BlockersOfANegligibleWaiting_AreNamed_ButTheRunIsHealthy()
    {
        var blocker = new BlockerKindTotals("server/connection") { Steps = 2, HeldMs = 77.4, Victims = 18, VictimWaitingMs = 680 };

        // Most of the waiting came from two cold-start steps, but waiting is 0.3 % of latency.
        var verdict = VerdictBuilder.Build(Input(waitingMean: 0.1, latencyMean: 30, blockers: [blocker]));

        Assert.Equal("healthy", verdict.Kind);
        Assert.EndsWith("The worst blocker, `server/connection` steps of 38.7 ms, delayed 18 tasks by 37.8 ms on average.", verdict.Text);
    }

    [Fact]
    public void OneKindOfLongStepCausingMostWaiting_IsBlocked()
    {
        var blocker = new BlockerKindTotals("cpu-bound") { Steps = 10, HeldMs = 480, Victims = 1_930, VictimWaitingMs = 1_930 * 21 };

        var verdict = VerdictBuilder.Build(Input(waitingMean: 5, blockers: [blocker]));

        Assert.Equal("blocked", verdict.Kind);
        Assert.StartsWith("Blocked: `cpu-bound` steps of 48 ms delayed 1,930 tasks by 21 ms on average", verdict.Text);
    }

    [Fact]
    public void AnyDroppedArrival_IsSaturated_NeverHealthy()
    {
        var verdict = VerdictBuilder.Build(Input() with { Arrivals = 10_010, Dropped = 10, OfferedPerSecond = 200, AchievedPerSecond = 199 });

        Assert.Equal("saturated", verdict.Kind);
        Assert.Contains("10 arrivals dropped at the in-flight cap", verdict.Text);
    }

    [Fact]
    public void ClearlyFewerAnswersThanArrivals_IsSaturated()
    {
        var verdict = VerdictBuilder.Build(Input() with { Arrivals = 12_000, OfferedPerSecond = 240, AchievedPerSecond = 200, EngineWaitMeanMs = 900 });

        Assert.Equal("saturated", verdict.Kind);
        Assert.Contains("answered 200 of the 240 requests/s offered (83 %)", verdict.Text);
        Assert.Contains("10,000 of 12,000 arrivals answered", verdict.Text);
        Assert.Contains("waited in the engine for a connection", verdict.Text);
    }

    [Fact]
    public void ALoopKeptFull_IsSaturated_WithTheBacklogOnTheLoop()
    {
        var verdict = VerdictBuilder.Build(Input(utilization: 0.99, waitingMean: 12, latencyMean: 20));

        Assert.Equal("saturated", verdict.Kind);
        Assert.Contains("loop utilization 99 %", verdict.Text);
        Assert.Contains("The backlog waited on the loop: 12 ms on average in the ready queue", verdict.Text);
    }

    [Fact]
    public void NoRequests_SaysSo()
    {
        var verdict = VerdictBuilder.Build(Input() with { Requests = 0 });

        Assert.Equal("no-data", verdict.Kind);
    }

    [Fact]
    public void Slope_IsTheLeastSquaresFit()
    {
        Assert.Equal(2, VerdictBuilder.Slope([(0, 1), (1, 3), (2, 5), (3, 7)]), 9);
        Assert.Equal(0, VerdictBuilder.Slope([(0, 1), (1, 3)]));
    }
}
