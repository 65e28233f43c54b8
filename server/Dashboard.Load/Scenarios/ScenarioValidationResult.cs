using Dashboard.Contracts.Scenarios;

namespace Dashboard.Load.Scenarios;

/// <summary>The outcome of validating a scenario: either the scenario (valid) or every problem found.</summary>
public sealed class ScenarioValidationResult
{
    internal ScenarioValidationResult(ScenarioDefinition? scenario, IReadOnlyList<ScenarioError> errors, LoadPlan? plan)
    {
        Scenario = scenario;
        Errors = errors;
        Plan = plan;
    }

    /// <summary>The scenario as read, when valid.</summary>
    public ScenarioDefinition? Scenario { get; }

    /// <summary>Every problem, each with its JSON path; empty when valid.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    /// <summary>Whether the scenario can run.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The scenario resolved for the engine (defaults applied, durations parsed), when valid.</summary>
    internal LoadPlan? Plan { get; }
}
