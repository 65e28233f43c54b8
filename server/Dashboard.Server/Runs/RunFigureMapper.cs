using System.Globalization;
using Dashboard.Contracts.Runs;
using Dashboard.Load.Statistics;

namespace Dashboard.Server.Runs;

/// <summary>The engine's statistics → the contract shapes (milliseconds, string keys).</summary>
internal static class RunFigureMapper
{
    public static LoadFigures ToLoadFigures(LoadStatistics load, int inFlight) => new()
    {
        Requests = load.Requests,
        Successes = load.Successes,
        Failures = load.Failures,
        ThroughputPerSecond = load.Throughput,
        ErrorRate = load.ErrorRate / 100, // the engine counts percent; the contracts carry a fraction
        StatusCodes = load.StatusCodes.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
        ErrorKinds = new Dictionary<string, long>
        {
            ["timeout"] = load.Errors.Timeout,
            ["refused"] = load.Errors.Refused,
            ["reset"] = load.Errors.Reset,
            ["other"] = load.Errors.Other,
        },
        Corrected = ToLatency(load.Latency),
        Raw = ToLatency(load.RawLatency),
        InFlight = inFlight,
        Dropped = load.Dropped,
        BytesSent = load.BytesSent,
        BytesReceived = load.BytesReceived,
    };

    public static LatencyFigures ToLatency(LatencySummary latency) =>
        new(latency.P50, latency.P75, latency.P90, latency.P95, latency.P99, latency.P999, latency.Max, latency.Mean);
}
