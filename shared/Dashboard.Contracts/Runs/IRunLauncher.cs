namespace Dashboard.Contracts.Runs;

/// <summary>Starts runs for the launch page: the same validation and start as <c>POST /api/runs</c>.</summary>
public interface IRunLauncher
{
    /// <summary>Validates the scenario JSON and starts it; answers the run id or every problem with its JSON path.</summary>
    Task<LaunchResult> StartAsync(string scenarioJson, CancellationToken cancellationToken = default);
}

/// <summary>A started run's id, or why it did not start (each problem with its JSON path; "" for the whole scenario).</summary>
public sealed record LaunchResult(string? RunId, IReadOnlyList<FieldError> Errors)
{
    public bool Started => RunId is not null;

    public static LaunchResult Success(string runId) => new(runId, []);

    public static LaunchResult Refused(IReadOnlyList<FieldError> errors) => new(null, errors);
}
