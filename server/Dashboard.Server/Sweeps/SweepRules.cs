namespace Dashboard.Server.Sweeps;

/// <summary>
/// When a sweep step counts as saturated. The loop keeps up with a rate when what arrives also
/// finishes: the backlog (requests in flight) stays flat and nearly every offered request completes
/// within the step. Chance alone moves the backlog by a few requests, never by a share of the rate
/// every second, so the growth rule has a floor.
/// </summary>
internal static class SweepRules
{
    /// <summary>Backlog growth, as a share of the offered rate per second, that means arrivals outrun the loop.</summary>
    public const double SaturatedBacklogShare = 0.05;

    /// <summary>Backlog growth (requests per second) below which a trend is noise, whatever the rate.</summary>
    public const double BacklogNoisePerSecond = 2;

    /// <summary>Share of the offered rate a complete step must finish to have kept up.</summary>
    public const double KeptUpShare = 0.9;

    public static double SaturatedBacklogPerSecond(double offeredRate) =>
        Math.Max(BacklogNoisePerSecond, SaturatedBacklogShare * offeredRate);
}
