using Dashboard.Server.Runs;

namespace Dashboard.Server.History;

/// <summary>The row of a run still in memory, as the recorder writes it.</summary>
internal interface ILiveRunHeaders
{
    /// <summary>Null when the run is not (or no longer) in memory.</summary>
    RunHeader? Find(string runId);
}

/// <summary>Run rows from the runs in <see cref="RunManager"/>.</summary>
internal sealed class LiveRunHeaders(RunManager runs, RunEnvironment environment) : ILiveRunHeaders
{
    public RunHeader? Find(string runId) => runs.Find(runId) is { } run ? LiveRunRecords.Header(run, environment) : null;
}
