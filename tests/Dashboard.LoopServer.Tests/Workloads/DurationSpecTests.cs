using Dashboard.LoopServer.Workloads.Durations;

namespace Dashboard.LoopServer.Tests.Workloads;

public sealed class DurationSpecTests
{
    private const int Draws = 200_000;
    private static readonly TimeSpan LargeCap = TimeSpan.FromSeconds(10);

    // Theory data names the distribution; the specs are internal types, which a public test method cannot take.
    private static readonly Dictionary<string, DurationSpec> Specs = new()
    {
        ["uniform"] = new UniformDuration(Ms(1), Ms(9)),
        ["exponential"] = new ExponentialDuration(Ms(5), LargeCap),
        ["lognormal"] = new LogNormalDuration(Ms(5), Ms(40), LargeCap),
        ["exponential-clamped"] = new ExponentialDuration(Ms(5), Ms(5)),
        ["lognormal-clamped"] = new LogNormalDuration(Ms(5), Ms(40), Ms(10)),
    };

    public static TheoryData<string> Distributions() => new(Specs.Keys);

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Sample_SameSeed_SameSequence(string name)
    {
        var spec = Specs[name];
        var first = Draw(spec, seed: 42, count: 1_000);
        var second = Draw(spec, seed: 42, count: 1_000);
        var other = Draw(spec, seed: 43, count: 1_000);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        // Clamped distributions repeat the cap, so ask only for plenty of distinct values.
        Assert.True(first.Distinct().Count() > 500, name);
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Sample_ManyDraws_NeverNegativeNorAboveMaximum(string name)
    {
        var spec = Specs[name];
        var draws = Draw(spec, seed: 7, count: Draws);

        Assert.All(draws, d => Assert.InRange(d, TimeSpan.Zero, spec.Maximum));
        Assert.True(spec.Maximum <= LargeCap, name);
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Sample_ManyDraws_MeanMatchesDefinition(string name)
    {
        var spec = Specs[name];
        double sampleMean = Draw(spec, seed: 1, count: Draws).Average(d => (double)d.Ticks);

        // Standard errors are below 0.3% at this many draws; 2% leaves room without hiding a wrong formula.
        Assert.True(Math.Abs(sampleMean / spec.Mean.Ticks - 1) < 0.02, $"{name}: sample mean {sampleMean} vs {spec.Mean.Ticks}");
    }

    [Fact]
    public void Mean_KnownDistributions_MatchClosedForms()
    {
        Assert.Equal(Ms(5), new UniformDuration(Ms(1), Ms(9)).Mean);
        Assert.Equal(5.0, new ExponentialDuration(Ms(5), LargeCap).Mean.TotalMilliseconds, 3);
        // Clamped at the mean: 5ms · (1 − 1/e).
        Assert.Equal(5 * (1 - Math.Exp(-1)), new ExponentialDuration(Ms(5), Ms(5)).Mean.TotalMilliseconds, 3);

        // median · e^(σ²/2) with σ = ln 8 / z99.
        double sigma = Math.Log(8) / NormalDistribution.Z99;
        Assert.Equal(5 * Math.Exp(sigma * sigma / 2), new LogNormalDuration(Ms(5), Ms(40), LargeCap).Mean.TotalMilliseconds, 3);
        Assert.Equal(Ms(5), new LogNormalDuration(Ms(5), Ms(5), LargeCap).Mean);
    }

    [Fact]
    public void Sample_LogNormal_MedianAndP99MatchParameters()
    {
        var draws = Draw(new LogNormalDuration(Ms(5), Ms(40), LargeCap), seed: 3, count: Draws);
        draws.Sort();

        double median = draws[Draws / 2].TotalMilliseconds;
        double p99 = draws[(int)(Draws * 0.99)].TotalMilliseconds;
        Assert.InRange(median, 4.85, 5.15);
        Assert.InRange(p99, 38, 42);
    }

    [Fact]
    public void Sample_Uniform_StaysWithinBounds()
    {
        var draws = Draw(new UniformDuration(Ms(1), Ms(9)), seed: 5, count: Draws);

        Assert.InRange(draws.Min(), Ms(1), Ms(1.01));
        Assert.InRange(draws.Max(), Ms(8.99), Ms(9));
        Assert.All(draws, d => Assert.InRange(d, Ms(1), Ms(9)));
    }

    [Fact]
    public void Sample_Fixed_AlwaysTheValue()
    {
        var spec = new FixedDuration(Ms(3));

        Assert.All(Draw(spec, 1, 100), d => Assert.Equal(Ms(3), d));
        Assert.Equal(Ms(3), spec.Mean);
        Assert.Equal("3ms", spec.Describe());
    }

    [Fact]
    public void Cdf_KnownPoints_MatchTables()
    {
        Assert.Equal(0.5, NormalDistribution.Cdf(0), 6);
        Assert.Equal(0.99, NormalDistribution.Cdf(NormalDistribution.Z99), 6);
        Assert.Equal(0.841345, NormalDistribution.Cdf(1), 5);
        Assert.Equal(0.022750, NormalDistribution.Cdf(-2), 5);
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static List<TimeSpan> Draw(DurationSpec spec, int seed, int count)
    {
        var random = new Random(seed);
        var draws = new List<TimeSpan>(count);
        for (int i = 0; i < count; i++)
        {
            draws.Add(spec.Sample(random));
        }

        return draws;
    }
}
