using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Engine;

/// <summary>Thrown when a run is started with a scenario that does not validate.</summary>
public sealed class ScenarioValidationException : Exception
{
    public ScenarioValidationException(IReadOnlyList<ScenarioError> errors)
        : base("The scenario is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, each with its JSON path.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }
}
