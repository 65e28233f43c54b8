namespace Dashboard.Load.Scenarios;

/// <summary>One problem of a scenario: where (a JSON path such as <c>phases[1].inject.rate</c>,
/// or <c>$</c> for the document) and what.</summary>
public sealed record ScenarioError(string Path, string Message)
{
    /// <summary>"path: message", as the command line and the REST API print it.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
