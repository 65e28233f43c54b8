using Dashboard.Contracts.Scenarios;

namespace Dashboard.Contracts.Runs;

/// <summary>
/// The runs the host keeps, as the run pages read them (the same data as <c>GET /api/runs</c>,
/// <c>GET /api/runs/{id}</c>, <c>/snapshots</c> and <c>/tasks/{taskId}</c>).
/// </summary>
public interface IRunDirectory
{
    /// <summary>Every run kept, newest first.</summary>
    IReadOnlyList<RunInfo> List();

    /// <summary>A run with its scenario and recent snapshots (oldest first); null when unknown.</summary>
    RunDetails? Find(string runId);

    /// <summary>
    /// A task's story (a live run's from its retained records, or from the loop while the task is
    /// alive; a stored run's from the store); null when the run is unknown or the task's story is not kept.
    /// </summary>
    Task<RunTaskStory?> TaskStoryAsync(string runId, long taskId, CancellationToken cancellationToken = default);

    /// <summary>A design series from its runs (the same as <c>GET /api/series/{id}</c>); null when no run belongs to it.</summary>
    DesignSeries? FindSeries(string seriesId);
}

/// <summary>A run, the scenario it runs and its recent snapshots, oldest first.</summary>
public sealed record RunDetails(RunInfo Info, ScenarioDefinition Scenario, IReadOnlyList<RunSnapshot> History);
