namespace Dashboard.Contracts.Runs;

/// <summary>
/// Steers a running run from its live page: the same rules as <c>POST /api/runs/{id}/stop</c> and
/// <c>PATCH /api/runs/{id}</c>.
/// </summary>
public interface IRunControl
{
    /// <summary>Asks the run to stop; answers its info, or null when the run is unknown.</summary>
    RunInfo? Stop(string runId);

    /// <summary>Applies a new rate or user count; answers the problems (path "rate", "users", "id" or ""), empty on success.</summary>
    IReadOnlyList<FieldError> Change(string runId, RunChange change);

    /// <summary>The problems <see cref="Change"/> would answer now, changing nothing (the page checks as you type).</summary>
    IReadOnlyList<FieldError> Check(string runId, RunChange change);
}
