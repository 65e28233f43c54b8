using System.Diagnostics;

namespace Dashboard.EventLoop;

/// <summary>
/// The loop's clock: monotonic <see cref="Stopwatch"/> timestamps. Every accounted time is kept
/// in these ticks so the awake + waiting + asleep invariant holds exactly; conversions live here.
/// </summary>
public static class LoopClock
{
    public static long Frequency => Stopwatch.Frequency;

    public static long Now => Stopwatch.GetTimestamp();

    public static TimeSpan ToTimeSpan(long ticks) =>
        TimeSpan.FromTicks((long)(ticks * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));

    public static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    public static long FromTimeSpan(TimeSpan span) =>
        (long)(span.Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));
}
