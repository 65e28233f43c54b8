namespace Dashboard.LoopServer.Workloads.Durations;

/// <summary>
/// A duration as a workload states it: fixed, or drawn from a distribution each time the step runs.
/// Queueing on the loop depends on the variance of service times, not only on their mean,
/// which is why distributions exist at all.
/// </summary>
/// <remarks>
/// Every draw is clamped to <c>[0, Cap]</c>, where the cap is the largest single duration the
/// limits allow (<see cref="WorkloadLimits.MaxSingleDuration"/>): a long tail may not hold the
/// loop for minutes. <see cref="Mean"/> is the mean of the clamped distribution, so predictions
/// match what actually runs.
/// </remarks>
internal abstract record DurationSpec
{
    /// <summary>The expected value of a draw (after clamping).</summary>
    public abstract TimeSpan Mean { get; }

    /// <summary>The largest value a draw can take.</summary>
    public abstract TimeSpan Maximum { get; }

    /// <summary>Draws one duration; never negative, never above <see cref="Maximum"/>.</summary>
    public abstract TimeSpan Sample(Random random);

    /// <summary>The notation a user would write, for listings and messages.</summary>
    public abstract string Describe();

    private protected static TimeSpan FromSeconds(double seconds, TimeSpan cap)
    {
        if (!(seconds > 0))
        {
            // Also catches NaN, which a degenerate parameter could produce.
            return TimeSpan.Zero;
        }

        double ticks = Math.Round(seconds * TimeSpan.TicksPerSecond);
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>Always the same duration: <c>"5ms"</c>.</summary>
internal sealed record FixedDuration(TimeSpan Value) : DurationSpec
{
    public override TimeSpan Mean => Value;

    public override TimeSpan Maximum => Value;

    public override TimeSpan Sample(Random random) => Value;

    public override string Describe() => DurationText.Format(Value);
}

/// <summary>Uniform on [Min, Max]: <c>{"uniform": ["1ms", "9ms"]}</c>. Max never exceeds the cap.</summary>
internal sealed record UniformDuration(TimeSpan Min, TimeSpan Max) : DurationSpec
{
    public override TimeSpan Mean => TimeSpan.FromTicks(Min.Ticks + (Max.Ticks - Min.Ticks) / 2);

    public override TimeSpan Maximum => Max;

    public override TimeSpan Sample(Random random) =>
        TimeSpan.FromTicks(Min.Ticks + (long)Math.Round(random.NextDouble() * (Max.Ticks - Min.Ticks)));

    public override string Describe() => $"uniform({DurationText.Format(Min)}, {DurationText.Format(Max)})";
}

/// <summary>
/// Exponential with the given mean (its scale): <c>{"exponential": "5ms"}</c>. Memoryless, the classic
/// model of service times in M/M/1; its standard deviation equals its mean.
/// </summary>
internal sealed record ExponentialDuration(TimeSpan Scale, TimeSpan Cap) : DurationSpec
{
    // E[min(X, c)] = scale · (1 − e^(−c/scale)).
    public override TimeSpan Mean =>
        TimeSpan.FromTicks((long)Math.Round(Scale.Ticks * -double.ExpM1(-(double)Cap.Ticks / Scale.Ticks)));

    public override TimeSpan Maximum => Cap;

    // 1 − NextDouble() is in (0, 1], so −ln is in [0, ∞): never negative.
    public override TimeSpan Sample(Random random) =>
        FromSeconds(-Math.Log(1.0 - random.NextDouble()) * Scale.TotalSeconds, Cap);

    public override string Describe() => $"exponential(mean {DurationText.Format(Scale)})";
}

/// <summary>
/// Log-normal given by two percentiles users can read off a latency chart:
/// <c>{"lognormal": {"median": "5ms", "p99": "40ms"}}</c> — half the draws fall below the median,
/// 99% below p99. Internally ln X ~ N(μ, σ²) with μ = ln(median), σ = ln(p99 / median) / 2.326.
/// A long right tail, like real request latencies.
/// </summary>
internal sealed record LogNormalDuration(TimeSpan Median, TimeSpan P99, TimeSpan Cap) : DurationSpec
{
    private double Mu => Math.Log(Median.TotalSeconds);

    private double Sigma => Math.Log((double)P99.Ticks / Median.Ticks) / NormalDistribution.Z99;

    public override TimeSpan Mean
    {
        get
        {
            double mu = Mu;
            double sigma = Sigma;
            double cap = Cap.TotalSeconds;
            if (sigma <= 0)
            {
                return Median <= Cap ? Median : Cap;
            }

            // E[min(X, c)] = e^(μ+σ²/2) · Φ((ln c − μ − σ²)/σ) + c · (1 − Φ((ln c − μ)/σ)).
            double lnCap = Math.Log(cap);
            double below = Math.Exp(mu + sigma * sigma / 2) * NormalDistribution.Cdf((lnCap - mu - sigma * sigma) / sigma);
            double above = cap * (1 - NormalDistribution.Cdf((lnCap - mu) / sigma));
            return FromSeconds(below + above, Cap);
        }
    }

    public override TimeSpan Maximum => Cap;

    public override TimeSpan Sample(Random random) =>
        FromSeconds(Math.Exp(Mu + Sigma * NormalDistribution.Sample(random)), Cap);

    public override string Describe() =>
        $"lognormal(median {DurationText.Format(Median)}, p99 {DurationText.Format(P99)})";
}
