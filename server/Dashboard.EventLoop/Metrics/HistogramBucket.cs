namespace Dashboard.EventLoop.Metrics;

/// <summary>One non-empty sub-bucket of a <see cref="LogLinearHistogram"/>: every value from
/// <paramref name="LowestValue"/> to <paramref name="HighestValue"/> (inclusive) counts here.</summary>
public readonly record struct HistogramBucket(long LowestValue, long HighestValue, long Count);
