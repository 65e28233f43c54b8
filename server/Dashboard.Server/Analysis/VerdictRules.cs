namespace Dashboard.Server.Analysis;

/// <summary>
/// The rules a verdict applies, each once, by name (the README states them in words). A run is
/// <b>saturated</b> when it did not get through what it offered or kept the loop full; <b>blocked</b>
/// when long steps caused a material share of a material waiting; <b>healthy</b> otherwise. The
/// warm-up is never part of what they judge.
/// </summary>
internal static class VerdictRules
{
    /// <summary>Arrivals a healthy open-model run may drop at the in-flight cap: none. A dropped
    /// request is one the target could not take.</summary>
    public const long HealthyDrops = 0;

    /// <summary>Share of the arrivals that must have been answered (finished, with a response or an
    /// error); below it the run achieved clearly less than it offered.</summary>
    public const double AchievedShare = 0.9;

    /// <summary>Mean loop utilization over the measured run from which the loop counts as full (100 %
    /// less the loop's own bookkeeping and rounding).</summary>
    public const double FullUtilization = 0.98;

    /// <summary>Utilization of an interval above which the loop counts as saturated when waiting or
    /// the backlog also grows.</summary>
    public const double SaturatedUtilization = 0.9;

    /// <summary>Growth of waiting p99 (ms per second of run) that counts as "growing".</summary>
    public const double GrowingMsPerSecond = 1.0;

    /// <summary>Growth of the backlog (requests in flight per second of run) that counts as "growing".</summary>
    public const double GrowingBacklogPerSecond = 1.0;

    /// <summary>Share of all request waiting that the worst kind of long step must have caused to be
    /// named the run's blocker.</summary>
    public const double BlockedShare = 0.3;

    /// <summary>Share of latency that waiting on the loop must reach for a blocker to define the run:
    /// below it (a cold step in an I/O-bound run, say) the blocker is named but the run is not blocked.</summary>
    public const double MaterialWaitingShare = 0.05;
}
