namespace Dashboard.Contracts.Scenarios;

/// <summary>The values of <see cref="ScenarioDefinition.Arrivals"/>.</summary>
public static class ArrivalModes
{
    /// <summary>Arrivals evenly spaced at the current rate.</summary>
    public const string Even = "even";

    /// <summary>A Poisson process at the current rate: exponential gaps, as independent users make.</summary>
    public const string Poisson = "poisson";
}
