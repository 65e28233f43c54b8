using System.Numerics;

namespace Dashboard.EventLoop.Metrics;

/// <summary>
/// A log-linear histogram of non-negative <see cref="long"/> values in the style of HdrHistogram:
/// values are kept to a fixed number of significant decimal digits (3 by default, so every
/// reported value is within 0.1 % of a recorded one), in memory that is fixed at construction
/// by the highest trackable value.
/// </summary>
/// <remarks>
/// <para>
/// <b>Unit.</b> The histogram does not know what a value means: the caller picks the unit
/// (microseconds, <see cref="System.Diagnostics.Stopwatch"/> ticks, bytes …) and must use the same
/// unit for recording, for the highest trackable value and when reading percentiles back. The
/// lowest discernible value is 1 unit, so pick a unit whose 1 is below the precision you need
/// (for latencies, microseconds are the usual choice).
/// </para>
/// <para>
/// <b>Layout.</b> Bucket 0 holds 2·H sub-buckets of width 1 (H = 1024 for 3 digits); every
/// further bucket holds H sub-buckets twice as wide as the previous bucket's. A value therefore
/// lands in a sub-bucket whose width is at most 1/H of the value.
/// </para>
/// <para>
/// <b>Clamping.</b> A value above <see cref="HighestTrackableValue"/> is recorded as that value
/// and counted in <see cref="ClampedCount"/>, so an outlier never throws on a hot path and never
/// vanishes silently.
/// </para>
/// <para>
/// <b>Threads.</b> Not thread-safe: one writer at a time, and readers on the same thread (or after
/// a hand-over with a memory barrier, such as a lock). For interval snapshots keep two instances,
/// swap which one the writer uses under the writer's lock, then read, <see cref="Merge"/> or
/// <see cref="Reset"/> the one taken out — or take a <see cref="Clone"/> / <see cref="CopyTo"/>.
/// </para>
/// </remarks>
public sealed class LogLinearHistogram
{
    /// <summary>The number of significant digits used when none is given.</summary>
    public const int DefaultSignificantDigits = 3;

    private const int MinSignificantDigits = 1;
    private const int MaxSignificantDigits = 5;

    private readonly long[] _counts;
    private readonly int _subBucketHalfCountMagnitude;
    private readonly int _subBucketHalfCount;
    private readonly long _subBucketMask;
    private readonly int _leadingZeroCountBase;

    private long _totalCount;
    private long _clampedCount;
    private long _minValue = long.MaxValue;
    private long _maxValue;

    // Welford's running mean and sum of squared deviations: exact to double precision, cheap per
    // record, and mergeable (Chan et al.) without the cancellation error of sum-of-squares.
    private double _mean;
    private double _m2;

    /// <summary>Creates a histogram for values from 0 to <paramref name="highestTrackableValue"/>.</summary>
    /// <param name="highestTrackableValue">The largest value kept exactly (to the chosen precision);
    /// at least 2. Memory grows with its logarithm: for 3 digits, about 8 KiB per doubling above
    /// 2048 (for example 160 KiB for 5 minutes in microseconds).</param>
    /// <param name="significantDigits">Decimal digits of precision, 1 to 5.</param>
    public LogLinearHistogram(long highestTrackableValue, int significantDigits = DefaultSignificantDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(highestTrackableValue, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, MinSignificantDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, MaxSignificantDigits);

        HighestTrackableValue = highestTrackableValue;
        SignificantDigits = significantDigits;

        long largestValueWithSingleUnitResolution = 2 * (long)Math.Pow(10, significantDigits);
        int subBucketCountMagnitude = (int)Math.Ceiling(Math.Log2(largestValueWithSingleUnitResolution));
        _subBucketHalfCountMagnitude = subBucketCountMagnitude - 1;
        int subBucketCount = 1 << subBucketCountMagnitude;
        _subBucketHalfCount = subBucketCount / 2;
        _subBucketMask = subBucketCount - 1;
        _leadingZeroCountBase = 64 - _subBucketHalfCountMagnitude - 1;

        int bucketCount = BucketsNeeded(highestTrackableValue, subBucketCount);
        _counts = new long[(bucketCount + 1) * _subBucketHalfCount];
    }

    /// <summary>The largest value recorded as itself; larger values are clamped to it.</summary>
    public long HighestTrackableValue { get; }

    /// <summary>Decimal digits of precision.</summary>
    public int SignificantDigits { get; }

    /// <summary>How many values were recorded (clamped ones included).</summary>
    public long Count => _totalCount;

    /// <summary>How many recorded values were above <see cref="HighestTrackableValue"/> and clamped.</summary>
    public long ClampedCount => _clampedCount;

    /// <summary>The lowest equivalent value of the smallest recorded value's sub-bucket
    /// (equals <c>ValueAtPercentile(0)</c>); 0 when empty.</summary>
    public long Min => _totalCount == 0 ? 0 : LowestEquivalentValue(_minValue);

    /// <summary>The highest equivalent value of the largest recorded value's sub-bucket
    /// (equals <c>ValueAtPercentile(100)</c>, as in HdrHistogram); 0 when empty.</summary>
    public long Max => _totalCount == 0 ? 0 : HighestEquivalentValue(_maxValue);

    /// <summary>The smallest value recorded, exactly; 0 when empty.</summary>
    public long ExactMin => _totalCount == 0 ? 0 : _minValue;

    /// <summary>The largest value recorded (after clamping), exactly; 0 when empty.</summary>
    public long ExactMax => _maxValue;

    /// <summary>The arithmetic mean of the recorded values (exact, not bucketed); 0 when empty.</summary>
    public double Mean => _totalCount == 0 ? 0 : _mean;

    /// <summary>The population standard deviation of the recorded values; 0 when empty.</summary>
    public double StdDev => _totalCount == 0 ? 0 : Math.Sqrt(Math.Max(0, _m2 / _totalCount));

    /// <summary>Bytes held by the counts array (the histogram's fixed footprint).</summary>
    public int FootprintBytes => _counts.Length * sizeof(long);

    /// <summary>Records one value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public void Record(long value) => Record(value, 1);

    /// <summary>Records <paramref name="count"/> occurrences of a value; a count of 0 does nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value or the count is negative.</exception>
    public void Record(long value, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        if (value > HighestTrackableValue)
        {
            value = HighestTrackableValue;
            _clampedCount += count;
        }

        _counts[IndexOf(value)] += count;
        _totalCount += count;
        if (value < _minValue)
        {
            _minValue = value;
        }

        if (value > _maxValue)
        {
            _maxValue = value;
        }

        double delta = value - _mean;
        _mean += delta * count / _totalCount;
        _m2 += delta * (value - _mean) * count;
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    /// <remarks>Same layout: counts are added bucket by bucket and the statistics combine exactly.
    /// Different highest trackable value (same digits): each of the other's sub-buckets is
    /// re-recorded at its lowest equivalent value, clamping what this one cannot hold; the mean
    /// and deviation then come from those bucket values.</remarks>
    /// <exception cref="ArgumentException">The significant digits differ.</exception>
    public void Merge(LogLinearHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.SignificantDigits != SignificantDigits)
        {
            throw new ArgumentException(
                $"Cannot merge a histogram with {other.SignificantDigits} significant digits into one with {SignificantDigits}.",
                nameof(other));
        }

        if (other._totalCount == 0)
        {
            return;
        }

        if (other._counts.Length != _counts.Length)
        {
            MergeByRecording(other);
            return;
        }

        long[] source = other._counts;
        for (int i = 0; i < source.Length; i++)
        {
            _counts[i] += source[i];
        }

        long combined = _totalCount + other._totalCount;
        double delta = other._mean - _mean;
        _m2 += other._m2 + (delta * delta * ((double)_totalCount * other._totalCount / combined));
        _mean += delta * other._totalCount / combined;
        _totalCount = combined;
        _clampedCount += other._clampedCount;
        _minValue = Math.Min(_minValue, other._minValue);
        _maxValue = Math.Max(_maxValue, other._maxValue);
    }

    /// <summary>Forgets every recorded value; the memory is kept.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        _totalCount = 0;
        _clampedCount = 0;
        _minValue = long.MaxValue;
        _maxValue = 0;
        _mean = 0;
        _m2 = 0;
    }

    /// <summary>Overwrites <paramref name="target"/> with this histogram's content.</summary>
    /// <exception cref="ArgumentException">The target has a different layout (highest trackable
    /// value or digits giving another bucket count).</exception>
    public void CopyTo(LogLinearHistogram target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.SignificantDigits != SignificantDigits || target._counts.Length != _counts.Length)
        {
            throw new ArgumentException("The target histogram has a different layout.", nameof(target));
        }

        Array.Copy(_counts, target._counts, _counts.Length);
        target._totalCount = _totalCount;
        target._clampedCount = _clampedCount;
        target._minValue = _minValue;
        target._maxValue = _maxValue;
        target._mean = _mean;
        target._m2 = _m2;
    }

    /// <summary>An independent copy with the same layout and content.</summary>
    public LogLinearHistogram Clone()
    {
        var copy = new LogLinearHistogram(HighestTrackableValue, SignificantDigits);
        CopyTo(copy);
        return copy;
    }

    /// <summary>
    /// The value below or at which <paramref name="percentile"/> % of the recorded values fall:
    /// the highest equivalent value of the sub-bucket holding the value of rank
    /// ⌈percentile/100 · Count⌉ (at least rank 1), as HdrHistogram reports it. Percentile 0 gives
    /// the lowest equivalent value of the smallest one. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (_totalCount == 0)
        {
            return 0;
        }

        double p = double.IsNaN(percentile) ? 0 : Math.Clamp(percentile, 0, 100);
        long rank = RankAtPercentile(p, _totalCount);
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                long value = ValueFromIndex(i);
                return p == 0 ? value : HighestEquivalentValue(value);
            }
        }

        return Max;
    }

    /// <summary>Fills <paramref name="results"/> with <see cref="ValueAtPercentile"/> for each of
    /// <paramref name="percentiles"/>, in one pass over the buckets when they are ascending.</summary>
    public void ValuesAtPercentiles(ReadOnlySpan<double> percentiles, Span<long> results)
    {
        if (results.Length < percentiles.Length)
        {
            throw new ArgumentException("The result span is shorter than the percentile list.", nameof(results));
        }

        bool ascending = true;
        for (int k = 1; k < percentiles.Length; k++)
        {
            if (!(percentiles[k] >= percentiles[k - 1]))
            {
                ascending = false;
                break;
            }
        }

        if (!ascending || _totalCount == 0)
        {
            for (int k = 0; k < percentiles.Length; k++)
            {
                results[k] = ValueAtPercentile(percentiles[k]);
            }

            return;
        }

        int next = 0;
        long seen = 0;
        for (int i = 0; i < _counts.Length && next < percentiles.Length; i++)
        {
            seen += _counts[i];
            while (next < percentiles.Length)
            {
                double p = Math.Clamp(percentiles[next], 0, 100);
                if (seen < RankAtPercentile(p, _totalCount))
                {
                    break;
                }

                long value = ValueFromIndex(i);
                results[next++] = p == 0 ? value : HighestEquivalentValue(value);
            }
        }

        while (next < percentiles.Length)
        {
            results[next++] = Max;
        }
    }

    /// <summary>The smallest value that shares <paramref name="value"/>'s sub-bucket.</summary>
    public long LowestEquivalentValue(long value)
    {
        int bucketIndex = BucketIndexOf(value);
        int subBucketIndex = (int)(value >> bucketIndex);
        return (long)subBucketIndex << bucketIndex;
    }

    /// <summary>The largest value that shares <paramref name="value"/>'s sub-bucket.</summary>
    public long HighestEquivalentValue(long value)
    {
        int bucketIndex = BucketIndexOf(value);
        long lowest = (value >> bucketIndex) << bucketIndex;
        return lowest + ((1L << bucketIndex) - 1);
    }

    /// <summary>Every non-empty sub-bucket in ascending order, for distribution charts and exports.</summary>
    public IEnumerable<HistogramBucket> EnumerateBuckets()
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            long count = _counts[i];
            if (count != 0)
            {
                long low = ValueFromIndex(i);
                yield return new HistogramBucket(low, HighestEquivalentValue(low), count);
            }
        }
    }

    private void MergeByRecording(LogLinearHistogram other)
    {
        long ownMin = _minValue;
        long ownMax = _maxValue;
        long ownClamped = _clampedCount;
        long[] source = other._counts;
        for (int i = 0; i < source.Length; i++)
        {
            if (source[i] != 0)
            {
                Record(other.ValueFromIndex(i), source[i]);
            }
        }

        // The other's clamped values all sit in its top sub-bucket: either this histogram clamps
        // them again (then they are among the newly clamped) or nothing of the other is clamped here.
        _clampedCount = ownClamped + Math.Max(other._clampedCount, _clampedCount - ownClamped);

        // Keep the exact extremes rather than the bucket bounds just recorded.
        _minValue = Math.Min(ownMin, Math.Min(other._minValue, HighestTrackableValue));
        _maxValue = Math.Max(ownMax, Math.Min(other._maxValue, HighestTrackableValue));
    }

    private static long RankAtPercentile(double percentile, long totalCount)
    {
        // The tiny relative fudge keeps 99.9 % of 1000 at rank 999 when the product lands at
        // 999.0000000001 in floating point.
        double exact = percentile / 100.0 * totalCount;
        long rank = (long)Math.Ceiling(exact - (1e-9 * Math.Max(1.0, exact)));
        return Math.Clamp(rank, 1, totalCount);
    }

    private static int BucketsNeeded(long highestTrackableValue, int subBucketCount)
    {
        long smallestUntrackableValue = subBucketCount;
        int bucketsNeeded = 1;
        while (smallestUntrackableValue <= highestTrackableValue)
        {
            if (smallestUntrackableValue > long.MaxValue / 2)
            {
                return bucketsNeeded + 1;
            }

            smallestUntrackableValue <<= 1;
            bucketsNeeded++;
        }

        return bucketsNeeded;
    }

    private int BucketIndexOf(long value) =>
        _leadingZeroCountBase - BitOperations.LeadingZeroCount((ulong)(value | _subBucketMask));

    private int IndexOf(long value)
    {
        int bucketIndex = BucketIndexOf(value);
        int subBucketIndex = (int)(value >> bucketIndex);
        return ((bucketIndex + 1) << _subBucketHalfCountMagnitude) + (subBucketIndex - _subBucketHalfCount);
    }

    private long ValueFromIndex(int index)
    {
        int bucketIndex = (index >> _subBucketHalfCountMagnitude) - 1;
        int subBucketIndex = (index & (_subBucketHalfCount - 1)) + _subBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= _subBucketHalfCount;
            bucketIndex = 0;
        }

        return (long)subBucketIndex << bucketIndex;
    }
}
