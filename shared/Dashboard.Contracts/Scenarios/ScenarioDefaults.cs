namespace Dashboard.Contracts.Scenarios;

/// <summary>Values a <see cref="ScenarioDefinition"/> uses for settings it leaves out.</summary>
public static class ScenarioDefaults
{
    /// <summary>Keep-alive connections.</summary>
    public const int Connections = 50;

    /// <summary>Request timeout, as written in a scenario.</summary>
    public const string RequestTimeout = "5s";

    /// <summary>Open-model requests in flight before arrivals are dropped.</summary>
    public const int MaxInFlight = 10_000;

    /// <summary>Arrival process.</summary>
    public const string Arrivals = ArrivalModes.Even;

    /// <summary>Reporting interval, as written in a scenario.</summary>
    public const string Interval = "500ms";

    /// <summary>Weight of a request kind that gives none.</summary>
    public const double Weight = 1;

    /// <summary>Waiting p99 of one interval that stops a sweep, as written in a scenario.</summary>
    public const string SweepStopWaitingP99 = "50ms";

    /// <summary>Intervals in a row of a growing backlog that stop a sweep.</summary>
    public const int SweepStopGrowingIntervals = 3;

    /// <summary>A sweep's default waiting budget, as a fraction of the measured mean service time.</summary>
    public const double SweepBudgetFraction = 0.25;
}
