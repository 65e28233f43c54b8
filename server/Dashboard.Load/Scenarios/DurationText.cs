using System.Globalization;

namespace Dashboard.Load.Scenarios;

/// <summary>
/// Durations as scenarios write them: one or more number-unit pairs, such as "500ms", "30s",
/// "1m", "1.5s", "1m30s", "250us". Units: us (or µs), ms, s, m, h.
/// </summary>
internal static class DurationText
{
    public const string Examples = "\"500ms\", \"30s\" or \"1m\"";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        ReadOnlySpan<char> rest = text.AsSpan().Trim();
        double totalMicroseconds = 0;
        while (!rest.IsEmpty)
        {
            int numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0
                || !double.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return false;
            }

            rest = rest[numberLength..];
            int unitLength = 0;
            while (unitLength < rest.Length && (char.IsAsciiLetter(rest[unitLength]) || rest[unitLength] == 'µ'))
            {
                unitLength++;
            }

            double? unitMicroseconds = rest[..unitLength] switch
            {
                "us" or "µs" => 1,
                "ms" => 1_000,
                "s" => 1_000_000,
                "m" => 60_000_000,
                "h" => 3_600_000_000,
                _ => null,
            };
            if (unitMicroseconds is null)
            {
                return false;
            }

            totalMicroseconds += number * unitMicroseconds.Value;
            rest = rest[unitLength..];
        }

        // Far beyond any limit, and keeps TimeSpan arithmetic from overflowing.
        if (totalMicroseconds > TimeSpan.FromDays(365).TotalMicroseconds)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(totalMicroseconds * TimeSpan.TicksPerMicrosecond));
        return true;
    }

    /// <summary>Shortest readable form: "500ms", "30s", "1m30s", "250us".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        if (duration.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0.###}us");
        }

        if (duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0}ms");
        }

        long seconds = (long)duration.TotalSeconds;
        return seconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m")
            : seconds > 60
                ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m{seconds % 60}s")
                : string.Create(CultureInfo.InvariantCulture, $"{seconds}s");
    }
}
