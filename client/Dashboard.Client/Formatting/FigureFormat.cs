using System.Globalization;

namespace Dashboard.Client.Formatting;

/// <summary>
/// How every figure reads on the pages and in the reports: one copy of every rule, in C#.
/// </summary>
internal static class FigureFormat
{
    /// <summary>Shown where a figure does not exist yet (before the first interval, say).</summary>
    public const string Missing = "—";

    /// <summary>Two decimals below 10, one below 100, none above: three significant digits or more.</summary>
    public static string Adaptive(double value)
    {
        if (!double.IsFinite(value))
        {
            return Missing;
        }

        var magnitude = Math.Abs(value);
        return Fixed(value, magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0);
    }

    /// <summary>
    /// As few digits as the value needs, up to two decimals ("20", "2.5"): for settings such as a
    /// rate or a duration someone wrote, which are round numbers, not measurements. As format.js compact.
    /// </summary>
    public static string Compact(double value)
    {
        if (!double.IsFinite(value))
        {
            return Missing;
        }

        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero) + 0.0;
        return rounded.ToString("#,0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A fraction (0..1) as a percentage with one decimal, without the sign.</summary>
    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? Fixed(fraction * 100, 1) : Missing;

    /// <summary>A whole number with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A wall-clock time of day in UTC, so server and browser agree whatever their zones.</summary>
    public static string ClockUtc(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A share (0..100) as a CSS width, with a dot whatever the culture.</summary>
    public static string CssPercent(double share) =>
        (double.IsFinite(share) ? Math.Clamp(share, 0, 100) : 0).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Fixed(double value, int digits)
    {
        // Halves round away from zero, as the browser's Intl.NumberFormat does (.NET's own
        // formatting rounds them to even); + 0.0 turns -0 into 0, which would read as negative.
        var rounded = Math.Round(value, digits, MidpointRounding.AwayFromZero) + 0.0;
        return rounded.ToString(digits switch { 2 => "N2", 1 => "N1", _ => "N0" }, CultureInfo.InvariantCulture);
    }
}
