using Dashboard.EventLoop.Metrics;

namespace Dashboard.EventLoop.Tests.Metrics;

public sealed class LogLinearHistogramTests
{
    private const long Highest = 3_600_000_000; // one hour in microseconds
    private static readonly double[] Percentiles = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

    public enum Distribution
    {
        Uniform,
        Exponential,
        LogNormal,
    }

    [Theory]
    [InlineData(Distribution.Uniform, 1)]
    [InlineData(Distribution.Uniform, 2)]
    [InlineData(Distribution.Exponential, 3)]
    [InlineData(Distribution.Exponential, 4)]
    [InlineData(Distribution.LogNormal, 5)]
    [InlineData(Distribution.LogNormal, 6)]
    public void ValueAtPercentile_RandomData_WithinOneThousandthOfExactPercentile(Distribution distribution, int seed)
    {
        long[] values = Generate(distribution, seed, 100_000);
        var histogram = new LogLinearHistogram(Highest);
        foreach (long v in values)
        {
            histogram.Record(v);
        }

        Array.Sort(values);
        foreach (double p in Percentiles)
        {
            long exact = ExactPercentile(values, p);
            long reported = histogram.ValueAtPercentile(p);
            double tolerance = Math.Max(exact * 0.001, 0.0);
            Assert.True(
                Math.Abs(reported - exact) <= tolerance,
                $"{distribution} seed {seed} p{p}: reported {reported}, exact {exact}");
        }
    }

    [Theory]
    [InlineData(Distribution.Uniform, 7)]
    [InlineData(Distribution.LogNormal, 8)]
    public void ValuesAtPercentiles_AscendingList_EqualsOneByOne(Distribution distribution, int seed)
    {
        var histogram = new LogLinearHistogram(Highest);
        foreach (long v in Generate(distribution, seed, 20_000))
        {
            histogram.Record(v);
        }

        var results = new long[Percentiles.Length];
        histogram.ValuesAtPercentiles(Percentiles, results);
        for (int i = 0; i < Percentiles.Length; i++)
        {
            Assert.Equal(histogram.ValueAtPercentile(Percentiles[i]), results[i]);
        }

        double[] unordered = [99, 50, 99.9];
        var unorderedResults = new long[3];
        histogram.ValuesAtPercentiles(unordered, unorderedResults);
        Assert.Equal(histogram.ValueAtPercentile(99), unorderedResults[0]);
        Assert.Equal(histogram.ValueAtPercentile(50), unorderedResults[1]);
    }

    [Fact]
    public void MeanAndStdDev_RandomData_MatchExactStatistics()
    {
        long[] values = Generate(Distribution.LogNormal, 11, 50_000);
        var histogram = new LogLinearHistogram(Highest);
        foreach (long v in values)
        {
            histogram.Record(v);
        }

        double mean = values.Average();
        double stdDev = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(mean, histogram.Mean, mean * 1e-9);
        Assert.Equal(stdDev, histogram.StdDev, stdDev * 1e-6);
        Assert.Equal(values.Min(), histogram.ExactMin);
        Assert.Equal(values.Max(), histogram.ExactMax);
    }

    [Fact]
    public void Merge_TwoHistograms_EqualsRecordingBoth()
    {
        long[] first = Generate(Distribution.Exponential, 21, 30_000);
        long[] second = Generate(Distribution.LogNormal, 22, 20_000);
        var a = new LogLinearHistogram(Highest);
        var b = new LogLinearHistogram(Highest);
        var both = new LogLinearHistogram(Highest);
        foreach (long v in first)
        {
            a.Record(v);
            both.Record(v);
        }

        foreach (long v in second)
        {
            b.Record(v);
            both.Record(v);
        }

        a.Merge(b);

        AssertSameContent(both, a);
        Assert.Equal(both.Mean, a.Mean, both.Mean * 1e-9);
        Assert.Equal(both.StdDev, a.StdDev, both.StdDev * 1e-6);
    }

    [Fact]
    public void Merge_DifferentHighestTrackable_KeepsCountsAndClampsOverflow()
    {
        var small = new LogLinearHistogram(10_000);
        var large = new LogLinearHistogram(Highest);
        large.Record(5);
        large.Record(5_000, 3);
        large.Record(1_000_000, 2);

        small.Merge(large);

        Assert.Equal(6, small.Count);
        Assert.Equal(2, small.ClampedCount);
        Assert.Equal(5, small.ExactMin);
        Assert.Equal(10_000, small.ExactMax);
        Assert.Equal(small.HighestEquivalentValue(10_000), small.ValueAtPercentile(100));
        Assert.Equal(small.HighestEquivalentValue(5_000), small.ValueAtPercentile(50));
    }

    [Fact]
    public void Merge_EmptyOther_ChangesNothing()
    {
        var a = new LogLinearHistogram(Highest);
        a.Record(42);
        a.Merge(new LogLinearHistogram(Highest));
        Assert.Equal(1, a.Count);
        Assert.Equal(42, a.Mean);
        Assert.Equal(42, a.ExactMin);
    }

    [Fact]
    public void Merge_DifferentDigits_Throws()
    {
        var a = new LogLinearHistogram(Highest, 3);
        var b = new LogLinearHistogram(Highest, 2);
        Assert.Throws<ArgumentException>(() => a.Merge(b));
    }

    [Fact]
    public void EmptyHistogram_ReportsZeros()
    {
        var histogram = new LogLinearHistogram(Highest);
        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.Min);
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0, histogram.Mean);
        Assert.Equal(0, histogram.StdDev);
        Assert.Equal(0, histogram.ValueAtPercentile(50));
        Assert.Equal(0, histogram.ValueAtPercentile(100));
        Assert.Empty(histogram.EnumerateBuckets());
    }

    [Fact]
    public void SingleValue_EveryPercentileIsItsBucket()
    {
        var histogram = new LogLinearHistogram(Highest);
        histogram.Record(123_456);
        long low = histogram.LowestEquivalentValue(123_456);
        long high = histogram.HighestEquivalentValue(123_456);
        Assert.True(low <= 123_456 && 123_456 <= high);
        Assert.True(high - low + 1 <= 123_456 / 1000);
        Assert.Equal(low, histogram.ValueAtPercentile(0));
        Assert.Equal(high, histogram.ValueAtPercentile(50));
        Assert.Equal(high, histogram.ValueAtPercentile(100));
        Assert.Equal(high, histogram.Max);
        Assert.Equal(low, histogram.Min);
        Assert.Equal(123_456, histogram.Mean);
        Assert.Equal(0, histogram.StdDev);
    }

    [Fact]
    public void Zero_IsRecordedExactly()
    {
        var histogram = new LogLinearHistogram(Highest);
        histogram.Record(0, 10);
        Assert.Equal(10, histogram.Count);
        Assert.Equal(0, histogram.ValueAtPercentile(100));
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0, histogram.Min);
        Assert.Equal(new HistogramBucket(0, 0, 10), Assert.Single(histogram.EnumerateBuckets()));
    }

    [Fact]
    public void SmallValues_BelowTwoThousand_AreExact()
    {
        var histogram = new LogLinearHistogram(Highest);
        for (long v = 0; v < 2048; v++)
        {
            Assert.Equal(v, histogram.LowestEquivalentValue(v));
            Assert.Equal(v, histogram.HighestEquivalentValue(v));
        }
    }

    [Fact]
    public void Record_AboveHighestTrackable_ClampsAndCounts()
    {
        var histogram = new LogLinearHistogram(1_000_000);
        histogram.Record(10);
        histogram.Record(5_000_000);
        histogram.Record(long.MaxValue, 2);

        Assert.Equal(4, histogram.Count);
        Assert.Equal(3, histogram.ClampedCount);
        Assert.Equal(1_000_000, histogram.ExactMax);
        Assert.Equal(histogram.HighestEquivalentValue(1_000_000), histogram.ValueAtPercentile(100));
        Assert.Equal(histogram.Max, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Record_Negative_Throws()
    {
        var histogram = new LogLinearHistogram(Highest);
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Record(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Record(1, -1));
        Assert.Equal(0, histogram.Count);
    }

    [Fact]
    public void RecordWithCount_EqualsRepeatedRecord()
    {
        var once = new LogLinearHistogram(Highest);
        var repeated = new LogLinearHistogram(Highest);
        once.Record(777, 5);
        once.Record(12_345, 3);
        for (int i = 0; i < 5; i++)
        {
            repeated.Record(777);
        }

        for (int i = 0; i < 3; i++)
        {
            repeated.Record(12_345);
        }

        AssertSameContent(repeated, once);
        Assert.Equal(repeated.Mean, once.Mean, 1e-9);
        Assert.Equal(repeated.StdDev, once.StdDev, 1e-6);
    }

    [Fact]
    public void LongMaxValue_AsHighestTrackable_Works()
    {
        var histogram = new LogLinearHistogram(long.MaxValue);
        histogram.Record(long.MaxValue);
        histogram.Record(1);
        Assert.Equal(long.MaxValue, histogram.ValueAtPercentile(100));
        Assert.Equal(1, histogram.ValueAtPercentile(50));
        Assert.Equal(0, histogram.ClampedCount);
    }

    [Theory]
    [InlineData(1L, 3)]
    [InlineData(1000L, 0)]
    [InlineData(1000L, 6)]
    public void Constructor_InvalidArguments_Throws(long highest, int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogLinearHistogram(highest, digits));
    }

    [Fact]
    public void Reset_ForgetsEverything()
    {
        var histogram = new LogLinearHistogram(1_000);
        histogram.Record(5_000);
        histogram.Record(7);
        histogram.Reset();
        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.ClampedCount);
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0, histogram.Mean);
        Assert.Empty(histogram.EnumerateBuckets());
        histogram.Record(3);
        Assert.Equal(3, histogram.ExactMin);
        Assert.Equal(3, histogram.ExactMax);
    }

    [Fact]
    public void Clone_IsIndependentCopy()
    {
        var histogram = new LogLinearHistogram(Highest);
        histogram.Record(100);
        histogram.Record(200_000);
        LogLinearHistogram clone = histogram.Clone();
        histogram.Record(5);

        Assert.Equal(2, clone.Count);
        Assert.Equal(3, histogram.Count);
        Assert.Equal(100, clone.ExactMin);
        Assert.Equal(histogram.HighestEquivalentValue(200_000), clone.ValueAtPercentile(100));
    }

    [Fact]
    public void CopyTo_OverwritesTarget_AndRejectsOtherLayout()
    {
        var source = new LogLinearHistogram(Highest);
        source.Record(10);
        var target = new LogLinearHistogram(Highest);
        target.Record(99_999);
        source.CopyTo(target);
        AssertSameContent(source, target);

        Assert.Throws<ArgumentException>(() => source.CopyTo(new LogLinearHistogram(1_000)));
    }

    [Fact]
    public void EnumerateBuckets_CountsSumToTotal_AndBoundsContainValues()
    {
        var histogram = new LogLinearHistogram(Highest);
        long[] values = Generate(Distribution.Exponential, 31, 5_000);
        foreach (long v in values)
        {
            histogram.Record(v);
        }

        var buckets = histogram.EnumerateBuckets().ToList();
        Assert.Equal(values.Length, buckets.Sum(b => b.Count));
        foreach (long v in values.Take(200))
        {
            Assert.Contains(buckets, b => b.LowestValue <= v && v <= b.HighestValue);
        }
    }

    private static void AssertSameContent(LogLinearHistogram expected, LogLinearHistogram actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.ClampedCount, actual.ClampedCount);
        Assert.Equal(expected.ExactMin, actual.ExactMin);
        Assert.Equal(expected.ExactMax, actual.ExactMax);
        Assert.Equal(expected.EnumerateBuckets(), actual.EnumerateBuckets());
        foreach (double p in Percentiles)
        {
            Assert.Equal(expected.ValueAtPercentile(p), actual.ValueAtPercentile(p));
        }
    }

    private static long ExactPercentile(long[] sorted, double percentile)
    {
        long rank = (long)Math.Ceiling((decimal)percentile / 100m * sorted.Length);
        rank = Math.Clamp(rank, 1, sorted.Length);
        return sorted[rank - 1];
    }

    private static long[] Generate(Distribution distribution, int seed, int count)
    {
        var random = new Random(seed);
        var values = new long[count];
        for (int i = 0; i < count; i++)
        {
            double v = distribution switch
            {
                Distribution.Uniform => random.NextDouble() * 10_000_000,
                Distribution.Exponential => -Math.Log(1 - random.NextDouble()) * 20_000,
                _ => Math.Exp(8 + (1.5 * NormalSample(random))),
            };
            values[i] = (long)v;
        }

        return values;
    }

    private static double NormalSample(Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
