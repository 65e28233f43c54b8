using Dashboard.EventLoop.Metrics;

namespace Dashboard.Load.Statistics;

/// <summary>Counts and corrected latency of one request kind.</summary>
internal sealed class KindAccumulator(LogLinearHistogram latency)
{
    public LogLinearHistogram Latency { get; } = latency;

    public long Requests { get; set; }

    public long Successes { get; set; }

    public long Failures { get; set; }

    public long Dropped { get; set; }

    public void Merge(KindAccumulator other, bool mergeLatency)
    {
        if (mergeLatency)
        {
            Latency.Merge(other.Latency);
        }

        Requests += other.Requests;
        Successes += other.Successes;
        Failures += other.Failures;
        Dropped += other.Dropped;
    }

    /// <summary>Clears the counts; a shared histogram is cleared by its owner.</summary>
    public void Reset()
    {
        Latency.Reset();
        Requests = Successes = Failures = Dropped = 0;
    }
}
