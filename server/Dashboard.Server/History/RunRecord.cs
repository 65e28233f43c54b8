using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Statistics;

namespace Dashboard.Server.History;

/// <summary>
/// Everything known about a run apart from its interval series: what the store keeps in the run's
/// row, and what a live run yields (<see cref="LiveRunRecords"/>). Reports are built from this and
/// the snapshots only, so a report of a live run and of the same run after a restart agree.
/// </summary>
internal sealed record RunHeader
{
    public required RunInfo Info { get; init; }

    public required ScenarioDefinition Scenario { get; init; }

    /// <summary>The engine's whole-run result; null while running or when the run never started.</summary>
    public RunSummary? Summary { get; init; }

    /// <summary>The machine the run ran on.</summary>
    public required RunEnvironment Environment { get; init; }

    /// <summary>Whole-run distributions (latency, request waiting), captured from the live histograms.</summary>
    public RunDistributions Distributions { get; init; } = RunDistributions.Empty;

    /// <summary>Awake / waiting / asleep of the run's own request tasks over the whole run.</summary>
    public TaskKindBreakdown? RequestTasks { get; init; }
}

/// <summary>A run with its interval snapshots (each with its sampled tasks), oldest first.</summary>
internal sealed record RunRecord(RunHeader Header, IReadOnlyList<RunSnapshot> Snapshots)
{
    public RunInfo Info => Header.Info;
}
