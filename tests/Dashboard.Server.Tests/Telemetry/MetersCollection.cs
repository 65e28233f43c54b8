namespace Dashboard.Server.Tests.Telemetry;

/// <summary>
/// Tests that read OpenTelemetry's exports: run alone, after the parallel ones. A meter provider
/// listens to every meter of its names in the process, not only its own host's, and merges
/// same-named instruments into one metric; another test's host disposing its meters then retires
/// that metric mid-run (a CI run once exported no <c>loopdash.run.latency</c> at all).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetersCollection
{
    public const string Name = "process-wide meters";
}
