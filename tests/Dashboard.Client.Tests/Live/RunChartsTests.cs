using Dashboard.Client.Live;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Tests.Live;

public sealed class RunChartsTests
{
    [Fact]
    public void Of_History_OnePointPerSnapshotAtItsSecondAndNoLatencyWhereNoRequestEnded()
    {
        var idle = RunFixtures.Snapshot(2) with { Load = RunFixtures.Snapshot(2).Load with { Requests = 0 } };

        var charts = RunCharts.Of([RunFixtures.Snapshot(1), idle], sweep: null, capacity: 240);

        Assert.Equal([0.5, 1.0], charts.Latency.X);
        Assert.Equal([51.25, null], charts.Latency.Columns[0]);
        Assert.Equal([77.7, null], charts.Latency.Columns[1]);
        Assert.Equal(2, charts.Throughput.Columns[1][0]); // 1 failure in a 0.5 s interval
        Assert.Equal(8.76, charts.Utilization.Columns[0][0]!.Value, 6);
        Assert.Null(charts.Throughput.Veil);
        Assert.Equal("", charts.DroppedNote);
    }

    [Fact]
    public void Of_WarmUpFirst_VeilsEveryChartUpToTheLastWarmUpInterval()
    {
        var history = new[] { RunFixtures.Snapshot(1) with { WarmUp = true }, RunFixtures.Snapshot(2) with { WarmUp = true }, RunFixtures.Snapshot(3) };

        var charts = RunCharts.Of(history, sweep: null, capacity: 240);

        Assert.All([charts.Throughput, charts.Latency, charts.Waiting, charts.Utilization, charts.ReadyDepth, charts.Share, charts.Prediction],
            window => Assert.Equal(new Client.Charts.ChartVeil(1.0, "warm-up"), window.Veil));
    }

    [Fact]
    public void Of_NoNewInterval_IsThePreviousChartsThemselves()
    {
        var history = new[] { RunFixtures.Snapshot(1), RunFixtures.Snapshot(2) };
        var first = RunCharts.Of(history, sweep: null, capacity: 240);

        var again = RunCharts.Of(history, sweep: null, capacity: 240, previous: first);
        var next = RunCharts.Of([.. history, RunFixtures.Snapshot(3)], sweep: null, capacity: 240, previous: first);

        Assert.Same(first, again);
        Assert.NotSame(first.Throughput, next.Throughput);
        Assert.Same(first.Sweep, next.Sweep);
    }

    [Fact]
    public void Of_MoreIntervalsThanTheCapacity_KeepsTheNewestAndSaysHowManyAreDropped()
    {
        var history = Enumerable.Range(1, 5).Select(i => RunFixtures.Snapshot(i)).ToArray();

        var charts = RunCharts.Of(history, sweep: null, capacity: 3);

        Assert.Equal([1.5, 2.0, 2.5], charts.Waiting.X);
        Assert.Equal(
            "The charts show the newest 3 intervals; the 2 before them are dropped from the charts (the run's reports keep every interval).",
            charts.DroppedNote);
    }

    [Fact]
    public void ShareTop_StatesOfAnInterval_StackToAHundredAndNothingWithoutTasks()
    {
        var snapshot = RunFixtures.Snapshot(1);
        var overall = snapshot.Tasks.Overall with
        {
            Awake = new TimeFigures(20, 1, 1, 1, 1),
            Waiting = new TimeFigures(30, 1, 1, 1, 1),
            Asleep = new TimeFigures(50, 1, 1, 1, 1),
        };
        var shares = snapshot with { Tasks = snapshot.Tasks with { Overall = overall } };
        var empty = snapshot with { Tasks = snapshot.Tasks with { Overall = overall with { Awake = new TimeFigures(0, 0, 0, 0, 0), Waiting = new TimeFigures(0, 0, 0, 0, 0), Asleep = new TimeFigures(0, 0, 0, 0, 0) } } };

        Assert.Equal([100, 50, 20], Enumerable.Range(0, 3).Select(band => RunCharts.ShareTop(shares, band)));
        Assert.All(Enumerable.Range(0, 3), band => Assert.Null(RunCharts.ShareTop(empty, band)));
    }

    [Theory]
    [InlineData(10, 1_000, 30)] // a runaway prediction runs off the top
    [InlineData(10, 20, 20)] // within the headroom: shown whole
    [InlineData(10, 5, 10)]
    [InlineData(0, 7, 7)] // nothing measured yet: the predictions set the top
    public void TopWithHeadroom_FollowsTheMeasurement(double measured, double other, double top) =>
        Assert.Equal(top, RunCharts.TopWithHeadroom([measured, null, double.NaN], [[other, null]]));

    [Fact]
    public void Of_Sweep_DrawsEachStepByRateWithTheKneeAndTheBestCaseMarked()
    {
        var sweep = RunFixtures.Sweep();

        var charts = RunCharts.Of([RunFixtures.Snapshot(1)], sweep, capacity: 240);

        Assert.Equal([100, 200, 300, 400], charts.Sweep.X);
        Assert.Equal(5, charts.Sweep.Columns.Count);
        Assert.Equal([0.12, 0.24, 1.8, 120.25], charts.Sweep.Columns[0]);
        Assert.Equal(["knee 300/s", "best 200/s"], charts.Sweep.Marks.Select(m => m.Label));
        // The saturated step's 160.5 ms would flatten the knee: the top stops at 3 × the others' peak (4.7 ms).
        Assert.Equal(14.1, charts.Sweep.YTop!.Value, 6);
    }
}
