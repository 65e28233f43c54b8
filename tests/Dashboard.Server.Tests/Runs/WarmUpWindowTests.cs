using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;
using Dashboard.Server.Runs;

using static Dashboard.Server.Tests.Runs.WindowFixtures;

namespace Dashboard.Server.Tests.Runs;

/// <summary>A run's window on the loop leaves the warm-up out of every whole-run figure.</summary>
public sealed class WarmUpWindowTests
{
    [Fact]
    public void WarmUpRequests_CountInNoWholeRunFigure_ButShowInTheirOwnInterval()
    {
        var window = new RunTaskWindow("r1", new RunOptions(), seed: 1, warmUp: true);
        window.MeasureFrom(1_000 * Ms);

        // A cold warm-up request that waited 40 ms, finished during the warm-up.
        window.OnRecord(Request("r1-warmup-000000000001", completedMs: 500, waitingMs: 40));
        var warmInterval = window.TakeInterval(0.5, Arrivals.Even);

        // A late warm-up answer and a measured request after the warm-up's end.
        window.OnRecord(Request("r1-warmup-000000000002", completedMs: 1_010, waitingMs: 30));
        window.OnRecord(Request("r1-000000000003", completedMs: 1_020, waitingMs: 0.1));
        var measuredInterval = window.TakeInterval(0.5, Arrivals.Even);

        Assert.Equal(1, window.RequestBreakdown().Count);
        Assert.Equal(0.1, window.RequestWaitingMeanMs(), 3);
        Assert.Equal(0.1, window.LoopMetrics()["loop.waiting.max"], 2);
        Assert.Equal(40, warmInterval.Prediction!.MeasuredMeanMs, 3);
        Assert.Equal(0.1, measuredInterval.Prediction!.MeasuredMeanMs, 3);
    }

    [Fact]
    public void LoopIntervalsOfTheWarmUp_AddNoBlockersNorUtilization()
    {
        var window = new RunTaskWindow("r1", new RunOptions(), seed: 1, warmUp: true);

        // Before the run says where its warm-up ends, every interval is the warm-up's.
        window.OnInterval(Interval(utilization: 0.9, slowStepMs: 30), 0, 500 * Ms);
        window.MeasureFrom(1_000 * Ms);
        window.OnInterval(Interval(utilization: 0.9, slowStepMs: 30), 500 * Ms, 1_000 * Ms);
        window.OnInterval(Interval(utilization: 0.1, slowStepMs: null), 1_000 * Ms, 1_500 * Ms);

        Assert.Empty(window.Blockers());
        Assert.Empty(window.WorstBlocks());
        Assert.Equal(0.1, window.MeanUtilization(), 6);
        Assert.Equal(0, window.LoopMetrics()["loop.slowSteps"]);
    }

    [Fact]
    public void WithoutAWarmUp_EveryIntervalCounts()
    {
        var window = new RunTaskWindow("r1", new RunOptions(), seed: 1);
        window.OnInterval(Interval(utilization: 0.5, slowStepMs: 30), 0, 500 * Ms);

        Assert.Single(window.Blockers());
        Assert.Equal(0.5, window.MeanUtilization(), 6);
    }
}
