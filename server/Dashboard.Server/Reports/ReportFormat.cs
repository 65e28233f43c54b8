using System.Globalization;

namespace Dashboard.Server.Reports;

/// <summary>Numbers and times as every format writes them: invariant culture, stable digits.</summary>
internal static class ReportFormat
{
    /// <summary>Three significant decimals at most, no trailing zeros: 12.345, 0.5, 1200.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture) : "";

    public static string Number(double? value) => value is { } v ? Number(v) : "";

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>For people: 1,234 and 12.3 and 0.123.</summary>
    public static string Readable(double value) => Math.Abs(value) switch
    {
        >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("0.#", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
