using System.Globalization;

namespace Dashboard.LoopServer.Workloads.Durations;

/// <summary>
/// The text form of a fixed duration: a non-negative decimal number and a unit,
/// <c>"200us"</c>, <c>"1.5ms"</c>, <c>"1s"</c>. Resolution is one <see cref="TimeSpan"/> tick (100 ns).
/// </summary>
internal static class DurationText
{
    /// <summary>What an error message shows as the expected form.</summary>
    public const string Example = "\"5ms\"";

    /// <summary>The accepted units, for error messages.</summary>
    public const string Units = "us, ms, s";

    // A duration longer than this many characters is certainly a mistake; it also keeps
    // decimal parsing away from overflow.
    private const int MaxLength = 24;

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        int unitStart = text.Length;
        while (unitStart > 0 && !char.IsAsciiDigit(text[unitStart - 1]))
        {
            unitStart--;
        }

        // Micro sign or Greek mu: keyboards differ.
        long ticksPerUnit = text.AsSpan(unitStart) switch
        {
            "us" or "\u00b5s" or "\u03bcs" => TimeSpan.TicksPerMicrosecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            _ => 0,
        };
        if (ticksPerUnit == 0 || unitStart == 0)
        {
            return false;
        }

        var number = text.AsSpan(0, unitStart);
        // Digits with at most one inner dot: no sign, no exponent, no leading or trailing dot.
        if (number[0] == '.' || number[^1] == '.' || number.Count('.') > 1)
        {
            return false;
        }

        foreach (char c in number)
        {
            if (c != '.' && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
        {
            return false;
        }

        decimal ticks = decimal.Round(amount * ticksPerUnit, MidpointRounding.AwayFromZero);
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Formats a duration in the same notation, in the largest unit that reads well.</summary>
    public static string Format(TimeSpan value)
    {
        long ticks = value.Ticks;
        if (ticks == 0)
        {
            return "0ms";
        }

        if (ticks >= TimeSpan.TicksPerSecond)
        {
            return Number((decimal)ticks / TimeSpan.TicksPerSecond) + "s";
        }

        if (ticks >= TimeSpan.TicksPerMillisecond)
        {
            return Number((decimal)ticks / TimeSpan.TicksPerMillisecond) + "ms";
        }

        return Number((decimal)ticks / TimeSpan.TicksPerMicrosecond) + "us";
    }

    private static string Number(decimal value) =>
        decimal.Round(value, 3, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture);
}
