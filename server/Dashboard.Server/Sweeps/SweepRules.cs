namespace Dashboard.Server.Sweeps;

/// <summary>
/// When a sweep step counts as saturated. The loop keeps up with a rate when what arrives also
/// finishes: the backlog (requests in flight) stays flat and nearly every offered request completes
/// within the step. Chance (Poisson bunching, a preempted thread) moves the backlog by a few
/// requests, never by a share of the rate every second for long, so growth must pass both a rate
/// and a count before it counts.
/// </summary>
internal static class SweepRules
{
    /// <summary>Backlog growth, as a share of the offered rate per second, that means arrivals outrun the loop.</summary>
    public const double SaturatedBacklogShare = 0.05;

    /// <summary>Backlog growth (requests per second) below which a trend is noise, whatever the rate.</summary>
    public const double BacklogNoisePerSecond = 2;

    /// <summary>Backlog growth (requests) below which a rise is noise, however fast.</summary>
    public const int BacklogNoiseRequests = 10;

    /// <summary>Share of the offered rate a complete step must finish to have kept up (loose: a
    /// short step's count moves with requests straddling its edges; the backlog rule is the sharp one).</summary>
    public const double KeptUpShare = 0.8;

    /// <summary>Whether a backlog that went from <paramref name="from"/> to <paramref name="to"/> in
    /// <paramref name="seconds"/> grew faster than the loop can be keeping up with <paramref name="offeredRate"/>.</summary>
    public static bool OutgrewTheLoop(double offeredRate, int from, int to, double seconds) =>
        to - from >= BacklogNoiseRequests && seconds > 0 && (to - from) / seconds >= SaturatedBacklogPerSecond(offeredRate);

    public static double SaturatedBacklogPerSecond(double offeredRate) =>
        Math.Max(BacklogNoisePerSecond, SaturatedBacklogShare * offeredRate);
}
