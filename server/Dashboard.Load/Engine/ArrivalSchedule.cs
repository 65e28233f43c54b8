namespace Dashboard.Load.Engine;

/// <summary>
/// The intended times of an open-model segment whose rate goes linearly from
/// <c>startRate</c> to <c>endRate</c> over <c>duration</c> (equal rates: constant).
/// </summary>
/// <remarks>
/// Arrivals are placed in "count space": the expected number of arrivals by time t is
/// N(t) = r0·t + (r1 − r0)·t² / (2D). Evenly spaced arrivals sit at counts 0.5, 1.5, 2.5 …;
/// Poisson arrivals at the partial sums of unit exponential gaps (a non-homogeneous Poisson
/// process by time change). Either way the time of count k is N⁻¹(k), computed from the
/// segment's start, so rounding never accumulates into drift.
/// </remarks>
internal sealed class ArrivalSchedule
{
    private readonly double _startRate;
    private readonly double _halfSlope;
    private readonly double _durationSeconds;
    private readonly Random? _random;
    private double _count;
    private bool _exhausted;

    /// <param name="startRate">Requests per second at the start.</param>
    /// <param name="endRate">Requests per second at the end.</param>
    /// <param name="durationSeconds">Length of the segment.</param>
    /// <param name="random">A seeded generator for Poisson arrivals; null for evenly spaced ones.</param>
    public ArrivalSchedule(double startRate, double endRate, double durationSeconds, Random? random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startRate);
        ArgumentOutOfRangeException.ThrowIfNegative(endRate);
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds);
        _startRate = startRate;
        _halfSlope = durationSeconds > 0 ? (endRate - startRate) / (2 * durationSeconds) : 0;
        _durationSeconds = durationSeconds;
        _random = random;
        _count = random is null ? -0.5 : 0;
    }

    /// <summary>The expected number of arrivals in the whole segment.</summary>
    public double ExpectedCount => (_startRate * _durationSeconds) + (_halfSlope * _durationSeconds * _durationSeconds);

    /// <summary>The next arrival's offset from the segment's start, in seconds; false once past the end.</summary>
    public bool TryNext(out double offsetSeconds)
    {
        offsetSeconds = 0;
        if (_exhausted)
        {
            return false;
        }

        _count += _random is null ? 1 : -Math.Log(1 - _random.NextDouble());
        double? time = TimeOfCount(_count);
        if (time is null || time.Value >= _durationSeconds)
        {
            _exhausted = true;
            return false;
        }

        offsetSeconds = time.Value;
        return true;
    }

    /// <summary>The rate at an offset into the segment.</summary>
    public double RateAt(double offsetSeconds) => _startRate + (2 * _halfSlope * Math.Clamp(offsetSeconds, 0, _durationSeconds));

    private double? TimeOfCount(double count)
    {
        if (Math.Abs(_halfSlope) < 1e-12)
        {
            return _startRate > 0 ? count / _startRate : null;
        }

        // Solve a·t² + b·t − k = 0 in the form that stays accurate when a is tiny or negative.
        double discriminant = (_startRate * _startRate) + (4 * _halfSlope * count);
        if (discriminant < 0)
        {
            return null;
        }

        double denominator = _startRate + Math.Sqrt(discriminant);
        return denominator > 0 ? 2 * count / denominator : null;
    }
}
