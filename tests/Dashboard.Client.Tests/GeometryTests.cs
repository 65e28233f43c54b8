using Dashboard.Client.Charts;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Client.Tests;

public sealed class GeometryTests
{
    [Fact]
    public void LoadShape_RampThenConstant_RisesToThePeakAndHolds()
    {
        var shape = LoadShapeGeometry.From([new LoadShapePhase("rampingInject", 5, 0, 200, 0, 0), new LoadShapePhase("inject", 15, 200, 200, 0, 0)]);

        Assert.Equal((20, 200, 0), (shape.TotalSeconds, shape.PeakRate, shape.PeakUsers));
        Assert.Equal("0,50 0,50 60,16 60,16 240,16 240,50", shape.RateArea);
        Assert.Null(shape.UsersArea);
    }

    [Fact]
    public void LoadShape_OpenThenClosedPhases_DrawsEachSeriesOnlyWhereItsModelRuns()
    {
        var shape = LoadShapeGeometry.From([new LoadShapePhase("inject", 10, 50, 50, 0, 0), new LoadShapePhase("keepConstant", 10, 0, 0, 8, 8)]);

        Assert.Equal("0,50 0,16 120,16 120,50 240,50 240,50", shape.RateArea);
        Assert.Equal("0,50 0,50 120,50 120,16 240,16 240,50", shape.UsersArea);
    }

    [Fact]
    public void LoadShape_Sweep_ClimbsAStaircaseOfItsSteps()
    {
        var shape = LoadShapeGeometry.From([new LoadShapePhase("sweep", 12, 100, 300, 0, 0) { Steps = 3 }]);

        Assert.Equal(300, shape.PeakRate);
        Assert.Equal("0,50 0,38.67 80,38.67 80,27.33 160,27.33 160,16 240,16 240,50", shape.RateArea);
    }

    [Fact]
    public void LoadShape_NoPhases_DrawsNothing()
    {
        var shape = LoadShapeGeometry.From([]);

        Assert.Null(shape.RateArea);
        Assert.Null(shape.UsersArea);
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.2, 2)]
    [InlineData(3, 5)]
    [InlineData(7.3, 10)]
    [InlineData(0.013, 0.02)]
    [InlineData(0, 1)]
    public void NiceStep_Rough_IsOneTwoOrFiveTimesAPowerOfTen(double rough, double expected) =>
        Assert.Equal(expected, TimelineGeometry.NiceStep(rough), precision: 9);

    [Fact]
    public void Timeline_Spans_ArePlacedByTimeWithTinyOnesStillVisible()
    {
        var timeline = TimelineGeometry.From(
        [
            new TaskSpanInfo("waiting", 0, 0.001),
            new TaskSpanInfo("awake", 0.001, 9.999),
            new TaskSpanInfo("asleep", 10, 30),
        ], lifetimeMs: 40);

        Assert.Equal([0, 0.025, 250], timeline.Boxes.Select(b => Math.Round(b.X, 3)));
        Assert.Equal(TimelineGeometry.MinBoxWidth, timeline.Boxes[0].Width);
        Assert.Equal(750, timeline.Boxes[2].Width, precision: 9);
        Assert.Equal([0, 5, 10, 15, 20, 25, 30, 35, 40], timeline.Ticks.Select(t => t.Ms));
        Assert.Equal(TimelineGeometry.Width, timeline.Ticks[^1].X, precision: 9);
    }
}
