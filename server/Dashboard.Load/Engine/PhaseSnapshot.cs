using System.Diagnostics;

namespace Dashboard.Load.Engine;

/// <summary>What the scheduler is doing, published for the reporter and the run's properties:
/// the phase and its current segment (a SetRate or SetCopies starts a new one), and whether it
/// is the warm-up's replay of the phase.</summary>
internal sealed record PhaseSnapshot(
    int Index,
    string Name,
    bool IsOpen,
    bool IsClosed,
    long SegmentStart,
    long SegmentEnd,
    double StartRate,
    double EndRate,
    int TargetCopies,
    bool WarmUp = false)
{
    public static PhaseSnapshot Starting { get; } = new(0, "starting", false, false, 0, 0, 0, 0, 0);

    public static PhaseSnapshot Draining { get; } = new(-1, "drain", false, false, 0, 0, 0, 0, 0);

    /// <summary>The arrival rate aimed at, at <paramref name="timestamp"/> (open phases only).</summary>
    public double? RateAt(long timestamp)
    {
        if (!IsOpen)
        {
            return null;
        }

        double span = SegmentEnd - SegmentStart;
        double fraction = span > 0 ? Math.Clamp((timestamp - SegmentStart) / span, 0, 1) : 1;
        return StartRate + ((EndRate - StartRate) * fraction);
    }

    public double? RateNow => RateAt(Stopwatch.GetTimestamp());

    public int? Copies => IsClosed ? TargetCopies : null;
}
