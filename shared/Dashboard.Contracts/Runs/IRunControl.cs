namespace Dashboard.Contracts.Runs;

/// <summary>
/// Steers a running run from a page's plain forms (the live module uses the hub's Stop and Change
/// instead): the same rules as <c>POST /api/runs/{id}/stop</c> and <c>PATCH /api/runs/{id}</c>.
/// </summary>
public interface IRunControl
{
    /// <summary>Asks the run to stop; answers its info, or null when the run is unknown.</summary>
    RunInfo? Stop(string runId);

    /// <summary>Applies a new rate or user count; answers the problems (path "rate", "users", "id" or ""), empty on success.</summary>
    IReadOnlyList<FieldError> Change(string runId, RunChange change);
}
