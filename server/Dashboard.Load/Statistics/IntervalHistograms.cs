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
    /// <summary>Each request kind's corrected latency, in the scenario's order (one kind: the same as <see cref="Corrected"/>).</summary>
    public IReadOnlyList<IReadOnlyList<HistogramBucket>> Kinds { get; init; } = [];

    internal static IntervalHistograms Of(LoadAccumulator data)
    {
        IReadOnlyList<HistogramBucket> corrected = [.. data.Corrected.EnumerateBuckets()];
        return new IntervalHistograms(corrected, [.. data.Raw.EnumerateBuckets()], [.. data.Lateness.EnumerateBuckets()])
        {
            Kinds = data.Kinds.Select(k => ReferenceEquals(k.Latency, data.Corrected) ? corrected : [.. k.Latency.EnumerateBuckets()]).ToArray(),
        };
    }
}
