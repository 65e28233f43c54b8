namespace Dashboard.EventLoop.Metrics;

/// <summary>One non-empty sub-bucket of a <see cref="LogLinearHistogram"/>: every value from
/// <paramref name="LowestValue"/> to <paramref name="HighestValue"/> (inclusive) counts here.</summary>
public readonly record struct HistogramBucket(long LowestValue, long HighestValue, long Count)
{
    /// <summary>The bucket's middle: within the histogram's precision of every value it counted,
    /// the value exporters replay a bucket at.</summary>
    public double Middle => (LowestValue + HighestValue) / 2.0;
}
