using Dashboard.EventLoop.Metrics;
using Dashboard.Load.Statistics;
using Dashboard.Server.Distributed;

namespace Dashboard.Server.Tests.Agents;

/// <summary>Merging agents' figures: counts add up, and the merged percentiles are those of the union of every sample.</summary>
public sealed class MergedFiguresTests
{
    private const long Highest = 5 * 60 * 1_000_000L;

    [Fact]
    public void Merge_TwoAgents_PercentilesAreTheUnions_MeanAndDeviationExact_CountsSummed()
    {
        var random = new Random(7);
        // Different shapes: one agent near the target, one far (its latencies ten times longer).
        var east = Enumerable.Range(0, 20_000).Select(_ => (long)(200 + random.NextDouble() * 3_000)).ToArray();
        var west = Enumerable.Range(0, 5_000).Select(_ => (long)(2_000 + (random.NextDouble() * random.NextDouble() * 80_000))).ToArray();
        var merged = new MergedFigures(Highest);

        merged.Add(Load(east, requests: 20_000, failures: 10, status: 200), Histograms(east));
        merged.Add(Load(west, requests: 5_000, failures: 40, status: 503), Histograms(west));
        var figures = merged.Build(seconds: 2);

        var union = Histogram(east.Concat(west));
        var expected = LatencySummary.FromMicroseconds(union);
        Assert.Equal(25_000, figures.Requests);
        Assert.Equal(50, figures.Failures);
        Assert.Equal(12_500, figures.Throughput);
        Assert.Equal(0.2, figures.ErrorRate, 9);
        Assert.Equal(20_000, figures.StatusCodes[200]);
        Assert.Equal(5_000, figures.StatusCodes[503]);
        Assert.Equal(expected.P50, figures.Latency.P50);
        Assert.Equal(expected.P99, figures.Latency.P99);
        Assert.Equal(expected.P999, figures.Latency.P999);
        Assert.Equal(expected.Min, figures.Latency.Min);
        Assert.Equal(expected.Max, figures.Latency.Max);
        Assert.Equal(east.Concat(west).Average() / 1000, figures.Latency.Mean, 6);
        Assert.Equal(StdDev(east.Concat(west)) / 1000, figures.Latency.StdDev, 6);
        Assert.Equal(25_000, figures.Latency.Count);
    }

    [Fact]
    public void Merge_OneAgent_IsThatAgentsOwnFigures()
    {
        var values = Enumerable.Range(1, 1_000).Select(i => (long)(i * 37)).ToArray();
        var merged = new MergedFigures(Highest);

        merged.Add(Load(values, requests: 1_000, failures: 0, status: 200), Histograms(values));

        Assert.Equal(LatencySummary.FromMicroseconds(Histogram(values)) with { Mean = values.Average() / 1000, StdDev = StdDev(values) / 1000 }, merged.Build(1).Latency);
    }

    [Fact]
    public void Reset_StartsOver_AndTheKindsAreMergedByName()
    {
        var merged = new MergedFigures(Highest);
        var a = new long[] { 1_000, 2_000 };
        merged.Add(Load(a, 2, 0, 200, "home"), Histograms(a));
        merged.Reset();
        Assert.Equal(0, merged.Build(1).Requests);

        merged.Add(Load(a, 2, 0, 200, "home"), Histograms(a));
        merged.Add(Load(a, 2, 1, 200, "home"), Histograms(a));

        var kind = Assert.Single(merged.Build(1).Kinds);
        Assert.Equal("home", kind.Name);
        Assert.Equal(4, kind.Requests);
        Assert.Equal(1, kind.Failures);
        Assert.Equal(4, kind.Latency.Count);
        Assert.Equal(2, merged.Parts);
    }

    private static LoadStatistics Load(long[] microseconds, long requests, long failures, int status, string kind = "hello")
    {
        var summary = LatencySummary.FromMicroseconds(Histogram(microseconds)) with
        {
            Mean = microseconds.Average() / 1000,
            StdDev = StdDev(microseconds) / 1000,
        };
        return new LoadStatistics
        {
            Sent = requests,
            Requests = requests,
            Successes = requests - failures,
            Failures = failures,
            StatusCodes = new Dictionary<int, long> { [status] = requests },
            Latency = summary,
            RawLatency = summary,
            SendLateness = summary,
            Kinds = [new RequestKindStatistics(kind, requests, requests - failures, failures, 0, summary)],
        };
    }

    private static IntervalHistograms Histograms(long[] microseconds)
    {
        IReadOnlyList<HistogramBucket> buckets = [.. Histogram(microseconds).EnumerateBuckets()];
        return new IntervalHistograms(buckets, buckets, buckets) { Kinds = [buckets] };
    }

    private static LogLinearHistogram Histogram(IEnumerable<long> values)
    {
        var histogram = new LogLinearHistogram(Highest);
        foreach (var value in values)
        {
            histogram.Record(value);
        }

        return histogram;
    }

    private static double StdDev(IEnumerable<long> values)
    {
        var all = values.Select(v => (double)v).ToArray();
        var mean = all.Average();
        return Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / all.Length);
    }
}
