using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Charts;

/// <summary>
/// A task's timeline as a horizontal strip: each span placed by its start and length in a
/// fixed-width box (SVG user units), and round time ticks in milliseconds under it.
/// </summary>
internal sealed record TimelineGeometry(double TotalMs, IReadOnlyList<TimelineBox> Boxes, IReadOnlyList<TimelineTick> Ticks)
{
    public const double Width = 1000;

    /// <summary>Narrower spans are widened to this, so a 10 µs step still shows on a 1 s strip.</summary>
    public const double MinBoxWidth = 1;

    private const int TargetTicks = 8;

    /// <param name="spans">the task's spans, ms after its creation</param>
    /// <param name="lifetimeMs">the task's whole life; the strip ends there (or at the last span, if later)</param>
    public static TimelineGeometry From(IReadOnlyList<TaskSpanInfo> spans, double lifetimeMs)
    {
        var end = spans.Select(s => s.StartMs + s.DurationMs).DefaultIfEmpty(0).Max();
        var total = Math.Max(Math.Max(lifetimeMs, end), 1e-6);
        var boxes = spans
            .Where(s => double.IsFinite(s.StartMs) && double.IsFinite(s.DurationMs))
            .Select(s => new TimelineBox(
                s.State,
                s.StartMs,
                s.DurationMs,
                Math.Clamp(s.StartMs / total * Width, 0, Width),
                Math.Max(s.DurationMs / total * Width, MinBoxWidth)))
            .ToArray();
        var step = NiceStep(total / TargetTicks);
        var ticks = new List<TimelineTick>();
        for (var i = 0; i * step <= total * (1 + 1e-9) && ticks.Count <= TargetTicks * 3; i++)
        {
            ticks.Add(new TimelineTick(i * step, i * step / total * Width));
        }

        return new TimelineGeometry(total, boxes, ticks);
    }

    /// <summary>1, 2 or 5 times a power of ten, at least the rough step.</summary>
    internal static double NiceStep(double rough)
    {
        if (!double.IsFinite(rough) || rough <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var factor in new[] { 1.0, 2, 5, 10 })
        {
            if (factor * power >= rough * (1 - 1e-9))
            {
                return factor * power;
            }
        }

        return 10 * power;
    }
}

/// <summary>One span on the strip: its state and times (ms), and its place (SVG units).</summary>
internal sealed record TimelineBox(string State, double StartMs, double DurationMs, double X, double Width);

/// <summary>A tick of the time axis: its time (ms) and its place (SVG units).</summary>
internal sealed record TimelineTick(double Ms, double X);
