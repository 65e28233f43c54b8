using Dashboard.EventLoop.Metrics;

namespace Dashboard.Load.Statistics;

/// <summary>A latency distribution in milliseconds (from a histogram of microseconds, three
/// significant digits; percentiles are the upper bound of their bucket, as HdrHistogram reports).</summary>
public sealed record LatencySummary(
    long Count,
    double Min,
    double Mean,
    double StdDev,
    double P50,
    double P75,
    double P90,
    double P95,
    double P99,
    double P999,
    double Max)
{
    private static readonly double[] Percentiles = [50, 75, 90, 95, 99, 99.9];

    /// <summary>No values.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The value of a statistic by its threshold name (p50 … p99.9, max, mean).</summary>
    public double? Get(string statistic) => statistic switch
    {
        "p50" => P50,
        "p75" => P75,
        "p90" => P90,
        "p95" => P95,
        "p99" => P99,
        "p99.9" => P999,
        "max" => Max,
        "mean" => Mean,
        _ => null,
    };

    internal static LatencySummary FromMicroseconds(LogLinearHistogram histogram)
    {
        if (histogram.Count == 0)
        {
            return Empty;
        }

        Span<long> values = stackalloc long[Percentiles.Length];
        histogram.ValuesAtPercentiles(Percentiles, values);
        return new LatencySummary(
            histogram.Count,
            Ms(histogram.Min),
            histogram.Mean / 1000.0,
            histogram.StdDev / 1000.0,
            Ms(values[0]),
            Ms(values[1]),
            Ms(values[2]),
            Ms(values[3]),
            Ms(values[4]),
            Ms(values[5]),
            Ms(histogram.Max));
    }

    private static double Ms(long microseconds) => microseconds / 1000.0;
}
