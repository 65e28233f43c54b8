using Dashboard.Contracts.Scenarios;

namespace Dashboard.Contracts.Runs;

/// <summary>Checks and starts runs for the launch page: the same validation and start as <c>POST /api/runs</c>.</summary>
public interface IRunLauncher
{
    /// <summary>
    /// Validates the scenario JSON without starting it (the launch page asks as the person types):
    /// every problem with its JSON path, or the scenario with its load shape.
    /// </summary>
    ScenarioCheck Check(string scenarioJson);

    /// <summary>Validates the scenario JSON and starts it; answers the run id or every problem with its JSON path.</summary>
    Task<LaunchResult> StartAsync(string scenarioJson, CancellationToken cancellationToken = default);
}

/// <summary>
/// A scenario read as <c>POST /api/runs</c> would read it: <see cref="Scenario"/> (with its load
/// shape; <see cref="ScenarioSummary.File"/> empty) when valid, else every problem with its JSON path.
/// </summary>
public sealed record ScenarioCheck(ScenarioSummary? Scenario, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Scenario is not null && Errors.Count == 0;
}

/// <summary>A started run's id, or why it did not start (each problem with its JSON path; "" for the whole scenario).</summary>
public sealed record LaunchResult(string? RunId, IReadOnlyList<FieldError> Errors)
{
    public bool Started => RunId is not null;

    public static LaunchResult Success(string runId) => new(runId, []);

    public static LaunchResult Refused(IReadOnlyList<FieldError> errors) => new(null, errors);
}
