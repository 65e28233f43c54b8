using Dashboard.EventLoop.Metrics;

namespace Dashboard.Server.History;

/// <summary>One bar of a distribution: values above <see cref="FromMs"/> up to <see cref="ToMs"/>.</summary>
internal sealed record DistributionBin(double FromMs, double ToMs, long Count);

/// <summary>
/// Whole-run distributions, coarsened from the live histograms into ten round-numbered bins per
/// decade (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8) so a stored run keeps its shape in a few hundred bytes.
/// </summary>
internal sealed record RunDistributions(
    IReadOnlyList<DistributionBin> Latency,
    IReadOnlyList<DistributionBin> RawLatency,
    IReadOnlyList<DistributionBin> RequestWaiting)
{
    // 1 µs … 1000 s: every latency or waiting time this project measures falls inside.
    private static readonly double[] EdgesMs = BuildEdges();

    public static RunDistributions Empty { get; } = new([], [], []);

    /// <summary>Bins for histogram buckets in microseconds; empty bins at either end are left out.</summary>
    public static IReadOnlyList<DistributionBin> FromMicroseconds(IEnumerable<HistogramBucket> buckets)
    {
        var counts = new long[EdgesMs.Length];
        foreach (var bucket in buckets)
        {
            // A bucket counts where its midpoint falls: buckets are far narrower than the bins.
            var ms = bucket.Middle / 1000.0;
            var index = Array.FindIndex(EdgesMs, edge => ms <= edge);
            counts[index < 0 ? EdgesMs.Length - 1 : index] += bucket.Count;
        }

        var first = Array.FindIndex(counts, c => c > 0);
        if (first < 0)
        {
            return [];
        }

        var last = Array.FindLastIndex(counts, c => c > 0);
        var bins = new List<DistributionBin>(last - first + 1);
        for (var i = first; i <= last; i++)
        {
            bins.Add(new DistributionBin(i == 0 ? 0 : EdgesMs[i - 1], EdgesMs[i], counts[i]));
        }

        return bins;
    }

    private static double[] BuildEdges()
    {
        var edges = new List<double>();
        for (var decade = 0.001; decade < 1_000_000; decade *= 10)
        {
            foreach (var step in (double[])[1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8])
            {
                edges.Add(Math.Round(decade * step, 6));
            }
        }

        return edges.ToArray();
    }
}
