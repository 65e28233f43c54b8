namespace Dashboard.Load.Statistics;

/// <summary>The figures of one request kind of the mix.</summary>
public sealed record RequestKindStatistics(
    string Name,
    long Requests,
    long Successes,
    long Failures,
    long Dropped,
    LatencySummary Latency);
