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
    public void OnAgentClock_MovesTheCommonStartByEachAgentsOffset_SoTheyStartAtTheSameInstant()
    {
        var start = Asked.AddSeconds(2);
        var ahead = new ClockOffsetEstimate();
        ahead.Add(Asked, TimeSpan.FromMilliseconds(2), Asked.AddMilliseconds(1 + 250));
        var behind = new ClockOffsetEstimate();
        behind.Add(Asked, TimeSpan.FromMilliseconds(4), Asked.AddMilliseconds(2 - 40));

        var aheadStart = ClockOffsetEstimate.OnAgentClock(start, ahead.Offset?.TotalMilliseconds);
        var behindStart = ClockOffsetEstimate.OnAgentClock(start, behind.Offset?.TotalMilliseconds);

        // An agent 250 ms ahead starts when its clock says 250 ms past the start: the same real instant.
        Assert.Equal(start.AddMilliseconds(250), aheadStart);
        Assert.Equal(start.AddMilliseconds(-40), behindStart);
        Assert.Equal(aheadStart - ahead.Offset!.Value, behindStart - behind.Offset!.Value);
        Assert.Equal(start, ClockOffsetEstimate.OnAgentClock(start, null));
    }

    [Fact]
    public void Add_NegativeRoundTrip_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockOffsetEstimate().Add(Asked, TimeSpan.FromMilliseconds(-1), Asked));
    }
}
