using Dashboard.Client.Formatting;

namespace Dashboard.Client.Tests;

public sealed class FigureFormatTests
{
    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(-0.0, "0.00")]
    [InlineData(-0.001, "0.00")]
    [InlineData(0.125, "0.13")]
    [InlineData(9.994, "9.99")]
    [InlineData(9.996, "10.00")]
    [InlineData(10, "10.0")]
    [InlineData(45.67, "45.7")]
    [InlineData(99.96, "100.0")]
    [InlineData(100, "100")]
    [InlineData(1234.5, "1,235")]
    [InlineData(12_345_678.9, "12,345,679")]
    [InlineData(double.NaN, "—")]
    [InlineData(double.PositiveInfinity, "—")]
    public void Adaptive_Value_HasThreeSignificantDigitsOrMore(double value, string expected) =>
        Assert.Equal(expected, FigureFormat.Adaptive(value));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(20, "20")]
    [InlineData(2.5, "2.5")]
    [InlineData(0.125, "0.13")]
    [InlineData(-0.001, "0")]
    [InlineData(12_345.678, "12,345.68")]
    [InlineData(double.NaN, "—")]
    public void Compact_Setting_HasOnlyTheDigitsItNeeds(double value, string expected) =>
        Assert.Equal(expected, FigureFormat.Compact(value));

    [Theory]
    [InlineData(0, "0.0")]
    [InlineData(0.4234, "42.3")]
    [InlineData(0.00049, "0.0")]
    [InlineData(1, "100.0")]
    [InlineData(double.NaN, "—")]
    public void Percent_Fraction_IsAPercentageWithOneDecimal(double fraction, string expected) =>
        Assert.Equal(expected, FigureFormat.Percent(fraction));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1_234_567, "1,234,567")]
    public void Count_WholeNumber_HasThousandsSeparators(long value, string expected) =>
        Assert.Equal(expected, FigureFormat.Count(value));

    [Fact]
    public void ClockUtc_TimeWithAnOffset_ReadsInUtc() =>
        Assert.Equal("03:06:07 UTC", FigureFormat.ClockUtc(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2))));

    [Theory]
    [InlineData(12.345, "12.35%")]
    [InlineData(-5, "0%")]
    [InlineData(150, "100%")]
    [InlineData(double.NaN, "0%")]
    public void CssPercent_Share_IsAClampedCssWidth(double share, string expected) =>
        Assert.Equal(expected, FigureFormat.CssPercent(share));
}
