using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;
using Dashboard.Server.Loop;
using Dashboard.Server.Runs;

using static Dashboard.Server.Tests.Runs.WindowFixtures;

namespace Dashboard.Server.Tests.Runs;

/// <summary>A run's window on two loops: each loop's tasks apart, busy time of both, one queue per loop in the prediction.</summary>
public sealed class SeveralLoopsWindowTests
{
    [Fact]
    public void TwoLoops_IntervalBreaksTheTasksDownByLoop_AndPredictsOneQueuePerLoop()
    {
        var window = new RunTaskWindow("r1", new RunOptions(), seed: 1);
        window.OnInterval(Group(Interval(0, 0.4), Interval(1, 0.6)), 0, 500 * Ms);
        for (var i = 0; i < 40; i++)
        {
            window.OnRecord(Request($"r1-{i:D12}", completedMs: 100 + i, waitingMs: i % 2 == 0 ? 0.2 : 3, loop: i % 2));
        }

        var interval = window.TakeInterval(0.5, Arrivals.Even);

        Assert.Equal(["loop 0", "loop 1"], interval.Tasks.Loops.Select(l => l.Kind));
        Assert.Equal([20L, 20L], interval.Tasks.Loops.Select(l => l.Count));
        Assert.Equal(0.2, interval.Tasks.Loops[0].Waiting.MeanMs, 2);
        Assert.Equal(3, interval.Tasks.Loops[1].Waiting.MeanMs, 1);
        var prediction = interval.Prediction!;
        Assert.Equal(2, prediction.Queues);
        Assert.Equal(80, prediction.ArrivalsPerSecond, 6);
        // Busy time is both loops': (0.4 + 0.6) × 500 ms over 40 requests is 12.5 ms each; at 40/s per loop each is 50 % busy.
        Assert.Equal(12.5, prediction.ServiceMeanMs, 1);
        Assert.Equal(0.5, prediction.Utilization, 2);
        Assert.Equal(0.5, window.MeanUtilization(), 6);
    }

    [Fact]
    public void OneLoop_HasNoBreakdownByLoop_AndOneQueue()
    {
        var window = new RunTaskWindow("r1", new RunOptions(), seed: 1);
        window.OnInterval(Interval(0, 0.5), 0, 500 * Ms);
        window.OnRecord(Request("r1-000000000001", completedMs: 100, waitingMs: 1));

        var interval = window.TakeInterval(0.5, Arrivals.Even);

        Assert.Empty(interval.Tasks.Loops);
        Assert.Equal(1, interval.Prediction!.Queues);
    }

    [Fact]
    public void SpreadPrediction_TwoEvenLoops_IsOneLoopAtHalfTheRate_AndASaturatedLoopMakesItUnbounded()
    {
        var spread = Dashboard.Server.Analysis.QueueingPrediction.PredictSpread([50, 50], 10, 1, 1);
        var half = Dashboard.Server.Analysis.QueueingPrediction.Predict(50, 10, 1, 1);

        Assert.Equal(half.MeanWaitingMs, spread.MeanWaitingMs, 9);
        Assert.Equal(0.5, spread.Utilization, 9);
        Assert.True(double.IsPositiveInfinity(Dashboard.Server.Analysis.QueueingPrediction.PredictSpread([20, 120], 10, 1, 1).MeanWaitingMs));
    }

    private static LoopInterval Group(params LoopInterval[] loops) => LoopIntervalGroups.Combine(1, loops);

    private static LoopInterval Interval(int loop, double utilization) => WindowFixtures.Interval(utilization, loop: loop);
}
