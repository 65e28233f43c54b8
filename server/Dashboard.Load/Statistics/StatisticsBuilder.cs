namespace Dashboard.Load.Statistics;

/// <summary>Turns an accumulator's raw counts into the published figures.</summary>
internal static class StatisticsBuilder
{
    public static LoadStatistics Build(LoadAccumulator data, double seconds, IReadOnlyList<string> kindNames)
    {
        var kinds = new RequestKindStatistics[data.Kinds.Length];
        for (int i = 0; i < kinds.Length; i++)
        {
            KindAccumulator kind = data.Kinds[i];
            kinds[i] = new RequestKindStatistics(
                kindNames[i], kind.Requests, kind.Successes, kind.Failures, kind.Dropped, LatencySummary.FromMicroseconds(kind.Latency));
        }

        long arrivals = data.Sent + data.Dropped;
        return new LoadStatistics
        {
            Sent = data.Sent,
            Requests = data.Requests,
            Successes = data.Successes,
            Failures = data.Failures,
            Dropped = data.Dropped,
            Abandoned = data.Abandoned,
            Throughput = seconds > 0 ? data.Requests / seconds : 0,
            ErrorRate = data.Requests > 0 ? 100.0 * data.Failures / data.Requests : 0,
            DropRate = arrivals > 0 ? 100.0 * data.Dropped / arrivals : 0,
            BytesSent = data.BytesSent,
            BytesReceived = data.BytesReceived,
            StatusCodes = data.StatusCodes(),
            Errors = new ErrorCounts(data.Timeouts, data.Refused, data.Resets, data.OtherErrors),
            Latency = LatencySummary.FromMicroseconds(data.Corrected),
            RawLatency = LatencySummary.FromMicroseconds(data.Raw),
            SendLateness = LatencySummary.FromMicroseconds(data.Lateness),
            Kinds = kinds,
        };
    }
}
