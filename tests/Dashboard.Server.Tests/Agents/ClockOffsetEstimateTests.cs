using Dashboard.Server.Distributed;

namespace Dashboard.Server.Tests.Agents;

/// <summary>An agent's clock offset, measured NTP's way and aligned by it.</summary>
public sealed class ClockOffsetEstimateTests
{
    private static readonly DateTimeOffset Asked = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_OneSample_OffsetIsTheAgentsClockMinusTheMiddleOfTheTrip()
    {
        var estimate = new ClockOffsetEstimate();

        // The agent is 250 ms ahead; the trip took 10 ms, 5 each way: it read its clock at 5 ms + 250 ms.
        estimate.Add(Asked, TimeSpan.FromMilliseconds(10), Asked.AddMilliseconds(255));

        Assert.Equal(TimeSpan.FromMilliseconds(250), estimate.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(10), estimate.RoundTrip);
    }

    [Fact]
    public void Add_SeveralSamples_BelievesTheShortestTrip()
    {
        var estimate = new ClockOffsetEstimate();

        // A slow trip that was slow one way only skews its sample by up to half of it.
        estimate.Add(Asked, TimeSpan.FromMilliseconds(200), Asked.AddMilliseconds(-100 + 190));
        estimate.Add(Asked.AddSeconds(1), TimeSpan.FromMilliseconds(4), Asked.AddSeconds(1).AddMilliseconds(-100 + 2));
        estimate.Add(Asked.AddSeconds(2), TimeSpan.FromMilliseconds(50), Asked.AddSeconds(2).AddMilliseconds(-100 + 45));

        Assert.Equal(TimeSpan.FromMilliseconds(-100), estimate.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(4), estimate.RoundTrip);
    }

    [Fact]
    public void Add_PastTheLimit_ForgetsTheOldest_SoADriftingClockIsFollowed()
    {
        var estimate = new ClockOffsetEstimate();
        estimate.Add(Asked, TimeSpan.FromMilliseconds(1), Asked.AddMilliseconds(0.5 + 30));

        for (var i = 1; i <= ClockOffsetEstimate.Samples; i++)
        {
            estimate.Add(Asked.AddSeconds(i), TimeSpan.FromMilliseconds(8), Asked.AddSeconds(i).AddMilliseconds(4 + 70));
        }

        Assert.Equal(ClockOffsetEstimate.Samples, estimate.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(70), estimate.Offset);
    }

    [Fact]
    public void ToCoordinator_PlacesAnAgentsInstantOnTheCoordinatorsClock()
    {
        var estimate = new ClockOffsetEstimate();
        Assert.Null(estimate.Offset);
        Assert.Equal(Asked, estimate.ToCoordinator(Asked));

        estimate.Add(Asked, TimeSpan.FromMilliseconds(2), Asked.AddMilliseconds(1 + 1_500));

        // The agent's interval that began at its 10:00:01.500 began at the coordinator's 10:00:00.000.
        Assert.Equal(Asked, estimate.ToCoordinator(Asked.AddMilliseconds(1_500)));
    }

    [Fact]
    public void Add_NegativeRoundTrip_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockOffsetEstimate().Add(Asked, TimeSpan.FromMilliseconds(-1), Asked));
    }
}
