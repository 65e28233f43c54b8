using Dashboard.LoopServer.Workloads.Durations;

namespace Dashboard.LoopServer.Tests.Workloads;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("5ms", 5 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1.5ms", 15_000)]
    [InlineData("200us", 2_000)]
    [InlineData("200\u00b5s", 2_000)]
    [InlineData("200\u03bcs", 2_000)]
    [InlineData("1s", TimeSpan.TicksPerSecond)]
    [InlineData("0.25s", TimeSpan.TicksPerSecond / 4)]
    [InlineData("0ms", 0)]
    [InlineData("0.00001ms", 0)]
    [InlineData("0.15us", 2)]
    public void TryParse_ValidText_ReturnsTicks(string text, long ticks)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(ticks, value.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("5")]
    [InlineData("ms")]
    [InlineData("-5ms")]
    [InlineData("+5ms")]
    [InlineData("5 ms")]
    [InlineData("5MS")]
    [InlineData("5m")]
    [InlineData("5min")]
    [InlineData(".5ms")]
    [InlineData("5.ms")]
    [InlineData("1.2.3ms")]
    [InlineData("1e3ms")]
    [InlineData("5ms ")]
    [InlineData("99999999999999999999s")]
    public void TryParse_InvalidText_ReturnsFalse(string? text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(2_000, "200us")]
    [InlineData(15_000, "1.5ms")]
    [InlineData(TimeSpan.TicksPerSecond * 10, "10s")]
    [InlineData(TimeSpan.TicksPerSecond * 3 / 2, "1.5s")]
    public void Format_Duration_UsesTheLargestReadableUnit(long ticks, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromTicks(ticks)));
    }

    [Theory]
    [InlineData("200us")]
    [InlineData("1.5ms")]
    [InlineData("7s")]
    public void Format_ParsedText_RoundTrips(string text)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(text, DurationText.Format(value));
    }
}
