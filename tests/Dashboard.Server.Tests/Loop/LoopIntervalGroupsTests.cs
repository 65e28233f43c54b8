using Dashboard.Contracts.Loop;
using Dashboard.Server.Loop;

namespace Dashboard.Server.Tests.Loop;

public sealed class LoopIntervalGroupsTests
{
    [Fact]
    public void OneLoop_EachIntervalIsItsOwnGroup()
    {
        var groups = new LoopIntervalGroups(4, 1);
        var interval = Interval(0, utilization: 0.5);

        var closed = Assert.Single(groups.Add(interval, 10, 20));

        Assert.Same(interval, closed.Interval);
        Assert.Equal((10, 20), (closed.StartTimestamp, closed.EndTimestamp));
    }

    [Fact]
    public void TwoLoops_AGroupClosesWhenBothReported_AndTotalsThem()
    {
        var groups = new LoopIntervalGroups(4, 2);

        Assert.Empty(groups.Add(Interval(1, utilization: 1.0, steps: 10, depthMax: 4, depthMean: 2, lagP99: 9, timers: 1, slow: 25), 5, 505));
        var group = Assert.Single(groups.Add(Interval(0, utilization: 0.2, steps: 30, depthMax: 1, depthMean: 0.5, lagP99: 0.3, timers: 3), 0, 500));

        var total = group.Interval;
        Assert.Null(total.Loop);
        Assert.Equal([0, 1], total.Loops.Select(l => l.Loop));
        Assert.Equal(0.6, total.Utilization, 6);
        Assert.Equal(40, total.Steps);
        Assert.Equal(5, total.ReadyDepthMax);
        Assert.Equal(2.5, total.ReadyDepthMean, 6);
        Assert.Equal(9, total.TimerLagP99Ms);
        Assert.Equal(4, total.TimerCount);
        Assert.Equal((0L, 505L), (group.StartTimestamp, group.EndTimestamp));
        Assert.Equal(1, Assert.Single(total.SlowSteps).Loop);
    }

    [Fact]
    public void ALoopReportingTwiceBeforeTheOther_ClosesTheGroupWithoutIt_AndTheLateOneJoinsTheNext()
    {
        var groups = new LoopIntervalGroups(4, 2);

        Assert.Empty(groups.Add(Interval(0, utilization: 0.1), 0, 500));
        var early = Assert.Single(groups.Add(Interval(0, utilization: 0.3), 500, 1000));
        var late = Assert.Single(groups.Add(Interval(1, utilization: 1.0), 0, 1000));

        Assert.Equal([0], early.Interval.Loops.Select(l => l.Loop));
        Assert.Equal(0.1, early.Interval.Utilization, 6);
        Assert.Equal([0, 1], late.Interval.Loops.Select(l => l.Loop));
        Assert.Equal(early.Interval.Sequence + 1, late.Interval.Sequence);
    }

    [Fact]
    public void ALoopStartedLater_JoinsTheGroupsOnceCounted()
    {
        var groups = new LoopIntervalGroups(4, 1);
        Assert.Single(groups.Add(Interval(0, utilization: 0.1), 0, 500));

        groups.LoopCount = 2;

        Assert.Empty(groups.Add(Interval(0, utilization: 0.1), 500, 1000));
        var both = Assert.Single(groups.Add(Interval(1, utilization: 0.5), 520, 1000));
        Assert.Equal([0, 1], both.Interval.Loops.Select(l => l.Loop));
    }

    private static LoopInterval Interval(int loop, double utilization, long steps = 1, int depthMax = 0, double depthMean = 0, double lagP99 = 0, long timers = 0, double? slow = null) => new()
    {
        Sequence = 1,
        Loop = loop,
        At = DateTimeOffset.UnixEpoch,
        DurationMs = 500,
        Utilization = utilization,
        Steps = steps,
        StepsPerSecond = steps * 2,
        ReadyDepthMax = depthMax,
        ReadyDepthMean = depthMean,
        TimerCount = timers,
        TimerLagP50Ms = 0,
        TimerLagP99Ms = lagP99,
        TimerLagMaxMs = lagP99,
        TasksAlive = 1,
        SlowStepCount = slow is null ? 0 : 1,
        SlowSteps = slow is { } ms ? [new SlowStepInfo(7, "blocker", "cpu", ms, 0) { Loop = loop }] : [],
    };
}
