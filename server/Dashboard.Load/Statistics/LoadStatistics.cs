namespace Dashboard.Load.Statistics;

/// <summary>
/// Load figures over a span of time (one interval, or the whole run).
/// </summary>
/// <remarks>
/// A request counts in the span in which it finished (an arrival dropped at the cap, in the span
/// of its arrival). <see cref="Requests"/> are the requests that finished in the span: with a response
/// (<see cref="StatusCodes"/>) or with an error (<see cref="Errors"/>). A response with status
/// below 400 is a success; a status of 400 or more and every error are failures.
/// <see cref="Latency"/> (corrected) runs from the intended start of a request to its complete
/// response, so queueing for a connection and late sends count, as in wrk2;
/// <see cref="RawLatency"/> runs from the actual send. Both cover responses only.
/// <see cref="SendLateness"/> is actual send − intended start, for every request sent.
/// </remarks>
public sealed record LoadStatistics
{
    /// <summary>Requests that had been written to a connection.</summary>
    public long Sent { get; init; }

    /// <summary>Requests finished (responses + errors).</summary>
    public long Requests { get; init; }

    /// <summary>Responses with a status below 400.</summary>
    public long Successes { get; init; }

    /// <summary>Responses with status ≥ 400, plus errors.</summary>
    public long Failures { get; init; }

    /// <summary>Open-model arrivals refused because <c>maxInFlight</c> requests were already in flight.</summary>
    public long Dropped { get; init; }

    /// <summary>Requests given up by the run itself (queued when it was stopped, or cut off by cancellation).</summary>
    public long Abandoned { get; init; }

    /// <summary>Finished requests per second.</summary>
    public double Throughput { get; init; }

    /// <summary>Failures as a percentage of finished requests (0 when none finished).</summary>
    public double ErrorRate { get; init; }

    /// <summary>Dropped as a percentage of arrivals (sent + dropped).</summary>
    public double DropRate { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    /// <summary>Responses by status code.</summary>
    public IReadOnlyDictionary<int, long> StatusCodes { get; init; } = new Dictionary<int, long>();

    public ErrorCounts Errors { get; init; } = new(0, 0, 0, 0);

    /// <summary>Corrected latency: from the intended start to the complete response.</summary>
    public LatencySummary Latency { get; init; } = LatencySummary.Empty;

    /// <summary>Raw latency: from the actual send to the complete response.</summary>
    public LatencySummary RawLatency { get; init; } = LatencySummary.Empty;

    /// <summary>How late requests were sent relative to their intended start.</summary>
    public LatencySummary SendLateness { get; init; } = LatencySummary.Empty;

    /// <summary>Per request kind, in the scenario's order.</summary>
    public IReadOnlyList<RequestKindStatistics> Kinds { get; init; } = [];
}
