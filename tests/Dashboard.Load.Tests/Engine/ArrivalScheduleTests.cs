using Dashboard.Load.Engine;

namespace Dashboard.Load.Tests.Engine;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Even_ConstantRate_GivesExactCountAndEqualGaps()
    {
        var schedule = new ArrivalSchedule(1_000, 1_000, 5, random: null);
        List<double> times = Drain(schedule);

        Assert.Equal(5_000, times.Count);
        Assert.Equal(0.0005, times[0], 1e-12);
        for (int i = 1; i < times.Count; i++)
        {
            Assert.Equal(0.001, times[i] - times[i - 1], 1e-9);
        }
    }

    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    public void Poisson_ConstantRate_HasExponentialGaps(int seed)
    {
        var schedule = new ArrivalSchedule(1_000, 1_000, 100, new Random(seed));
        List<double> times = Drain(schedule);
        double[] gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToArray();

        double mean = gaps.Average();
        double stdDev = Math.Sqrt(gaps.Select(g => (g - mean) * (g - mean)).Average());
        double coefficientOfVariation = stdDev / mean;

        // 100,000 arrivals expected: the count is within a few standard deviations (√N ≈ 316).
        Assert.InRange(times.Count, 99_000, 101_000);
        Assert.InRange(mean, 0.00098, 0.00102);
        Assert.InRange(coefficientOfVariation, 0.97, 1.03);
        Assert.All(gaps, g => Assert.True(g >= 0));
    }

    [Fact]
    public void Poisson_SameSeed_GivesSameSchedule()
    {
        List<double> first = Drain(new ArrivalSchedule(500, 500, 1, new Random(3)));
        List<double> second = Drain(new ArrivalSchedule(500, 500, 1, new Random(3)));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Even_RampUp_MatchesTheAreaUnderTheRateAndSpeedsUp()
    {
        var schedule = new ArrivalSchedule(0, 1_000, 10, random: null);
        List<double> times = Drain(schedule);

        // ∫ rate dt = (0 + 1000) / 2 · 10 s.
        Assert.Equal(5_000, times.Count);
        Assert.Equal(5_000, schedule.ExpectedCount, 1e-9);
        double early = times[10] - times[9];
        double late = times[^1] - times[^2];
        Assert.True(early > 10 * late, $"early gap {early}, late gap {late}");

        // In the first half the rate averages 250/s: a quarter of the arrivals.
        Assert.InRange(times.Count(t => t < 5), 1_249, 1_251);
        Assert.Equal(500, schedule.RateAt(5), 1e-9);
    }

    [Fact]
    public void Even_RampDownToZero_EndsAtTheArea()
    {
        List<double> times = Drain(new ArrivalSchedule(200, 0, 2, random: null));
        Assert.Equal(200, times.Count);
        Assert.True(times[^1] < 2);
    }

    [Fact]
    public void Poisson_Ramp_FollowsTheRate()
    {
        List<double> times = Drain(new ArrivalSchedule(100, 3_000, 20, new Random(11)));
        double expected = (100 + 3_000) / 2.0 * 20;
        Assert.InRange(times.Count, expected * 0.97, expected * 1.03);

        // Rate in the last second ≈ 2,927.5/s on average.
        Assert.InRange(times.Count(t => t >= 19), 2_700, 3_150);
    }

    [Fact]
    public void ZeroRate_GivesNoArrivals()
    {
        Assert.Empty(Drain(new ArrivalSchedule(0, 0, 5, random: null)));
        Assert.Empty(Drain(new ArrivalSchedule(0, 0, 5, new Random(1))));
    }

    [Fact]
    public void TimeStaysAccurateOverALongRun()
    {
        // An hour at 10,000/s: the last arrival is computed from the start, not summed from gaps.
        var schedule = new ArrivalSchedule(10_000, 10_000, 3_600, random: null);
        double last = 0;
        long count = 0;
        while (schedule.TryNext(out double t))
        {
            last = t;
            count++;
        }

        Assert.Equal(36_000_000, count);
        Assert.Equal(3_599.99995, last, 1e-6);
    }

    private static List<double> Drain(ArrivalSchedule schedule)
    {
        var times = new List<double>();
        while (schedule.TryNext(out double t))
        {
            times.Add(t);
        }

        return times;
    }
}
