using Dashboard.EventLoop.Metrics;

namespace Dashboard.Load.Statistics;

/// <summary>
/// One interval's histograms (microseconds), as their non-empty buckets: what the interval's
/// percentiles were read from, kept so exporters (metrics, HdrHistogram interval logs, a
/// coordinator merging agents) get the distribution itself, which merges exactly, not percentiles,
/// which do not. A few hundred buckets at most; not kept in the live history.
/// </summary>
public sealed record IntervalHistograms(
    IReadOnlyList<HistogramBucket> Corrected,
    IReadOnlyList<HistogramBucket> Raw,
    IReadOnlyList<HistogramBucket> SendLateness)
{
    internal static IntervalHistograms Of(LoadAccumulator data) => new(
        [.. data.Corrected.EnumerateBuckets()],
        [.. data.Raw.EnumerateBuckets()],
        [.. data.Lateness.EnumerateBuckets()]);
}
