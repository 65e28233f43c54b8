using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Tests.Scenarios;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500_000)]
    [InlineData("30s", 30_000_000)]
    [InlineData("1m", 60_000_000)]
    [InlineData("1.5s", 1_500_000)]
    [InlineData("1m30s", 90_000_000)]
    [InlineData("250us", 250)]
    [InlineData("250µs", 250)]
    [InlineData(" 2h ", 7_200_000_000)]
    [InlineData("0s", 0)]
    public void TryParse_ValidText_GivesDuration(string text, long microseconds)
    {
        Assert.True(DurationText.TryParse(text, out TimeSpan duration));
        Assert.Equal(microseconds, (long)duration.TotalMicroseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("5 parsecs")]
    [InlineData("-1s")]
    [InlineData("1.2.3s")]
    [InlineData("10d")]
    [InlineData("99999h")]
    [InlineData(null)]
    public void TryParse_InvalidText_Fails(string? text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData("500ms")]
    [InlineData("30s")]
    [InlineData("1m")]
    [InlineData("1m30s")]
    [InlineData("250us")]
    public void Format_RoundTrips(string text)
    {
        Assert.True(DurationText.TryParse(text, out TimeSpan duration));
        Assert.Equal(text, DurationText.Format(duration));
    }
}
