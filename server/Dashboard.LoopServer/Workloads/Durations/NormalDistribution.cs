namespace Dashboard.LoopServer.Workloads.Durations;

/// <summary>The standard normal distribution's few functions that the duration model needs.</summary>
internal static class NormalDistribution
{
    /// <summary>z such that P(Z ≤ z) = 0.99; links a log-normal's median to its 99th percentile.</summary>
    public const double Z99 = 2.3263478740408408;

    /// <summary>P(Z ≤ z).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>A standard normal draw (Box–Muller; one of the pair is discarded to keep draws independent of call order).</summary>
    public static double Sample(Random random)
    {
        // 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    // Complementary error function with fractional error below 1.2e-7 everywhere
    // (Chebyshev fit from Numerical Recipes, "erfcc"); plenty for expected-time estimates.
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}
