using Dashboard.Load.Engine;

namespace Dashboard.Load.Tests.Engine;

public sealed class IntervalBoundaryTests
{
    private const long Interval = 1_000;

    [Theory]
    [InlineData(1_000, 1_000)] // on time
    [InlineData(1_000, 1_020)] // a little late: the grid holds, the next interval is a little shorter
    [InlineData(1_000, 1_499)] // late by just under half an interval: still the next boundary
    public void NextBoundary_TimerOnTimeOrSlightlyLate_IsTheNextOnTheGrid(long boundary, long closedAt)
    {
        Assert.Equal(boundary + Interval, IntervalReporter.NextBoundary(boundary, closedAt, Interval));
    }

    [Theory]
    [InlineData(1_000, 1_600, 3_000)] // overslept past half: the next interval would be a 400-tick sliver
    [InlineData(1_000, 1_990, 3_000)] // just before the next boundary: it would be a 10-tick sliver
    [InlineData(1_000, 2_300, 3_000)] // past the next boundary: it is skipped, not closed at once
    [InlineData(1_000, 4_700, 6_000)] // several boundaries overslept
    public void NextBoundary_TimerOverslept_SkipsToABoundaryAtLeastHalfAnIntervalAhead(long boundary, long closedAt, long expected)
    {
        long next = IntervalReporter.NextBoundary(boundary, closedAt, Interval);

        Assert.Equal(expected, next);
        Assert.True(next - closedAt >= Interval / 2);
        Assert.Equal(0, (next - boundary) % Interval);
    }
}
