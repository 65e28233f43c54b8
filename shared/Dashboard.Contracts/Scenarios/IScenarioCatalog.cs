namespace Dashboard.Contracts.Scenarios;

/// <summary>
/// The scenarios a person can launch, as the launch page shows them. The host implements it over
/// its catalog folder (scenarios/*.json); tests pass a fake.
/// </summary>
public interface IScenarioCatalog
{
    /// <summary>The catalog's valid scenarios, in file order.</summary>
    IReadOnlyList<ScenarioSummary> Scenarios();

    /// <summary>Catalog files that did not validate, one line per problem ("file: path: message").</summary>
    IReadOnlyList<string> Problems();
}

/// <summary>A catalog scenario: its definition, its text as written, and its load shape.</summary>
public sealed record ScenarioSummary
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The catalog file it came from, e.g. "io-bound.json".</summary>
    public required string File { get; init; }

    /// <summary>The scenario's JSON as written in its file.</summary>
    public required string Json { get; init; }

    public required ScenarioDefinition Definition { get; init; }

    /// <summary>One entry per phase, in order, with durations parsed and ramps resolved.</summary>
    public required IReadOnlyList<LoadShapePhase> Shape { get; init; }

    /// <summary>Sum of the phases' durations.</summary>
    public double TotalSeconds => Shape.Sum(p => p.DurationSeconds);

    /// <summary>The highest arrival rate of its open-model phases; 0 without one.</summary>
    public double PeakRate => LoadShapePhase.PeakRate(Shape);

    /// <summary>The most virtual users of its closed-model phases; 0 without one.</summary>
    public int PeakUsers => LoadShapePhase.PeakUsers(Shape);
}

/// <summary>
/// One phase of a load shape. Open-model phases (inject, rampingInject) have rates, closed-model
/// phases (keepConstant, rampingConstant) have users; a ramp goes from its start to its end value,
/// a constant phase has start == end, a pause has neither.
/// </summary>
public sealed record LoadShapePhase(string Kind, double DurationSeconds, double StartRate, double EndRate, int StartUsers, int EndUsers)
{
    /// <summary>Constant-rate steps the phase climbs in from its start to its end rate (a sweep); 1 for any other phase.</summary>
    public int Steps { get; init; } = 1;

    /// <summary>True for inject, rampingInject and a sweep's steps: requests arrive at a rate.</summary>
    public bool IsOpen => Kind is "inject" or "rampingInject" or "sweep";

    /// <summary>True for keepConstant and rampingConstant: virtual users each wait for their answer.</summary>
    public bool IsClosed => Kind is "keepConstant" or "rampingConstant";

    /// <summary>The highest arrival rate of the open-model phases; 0 without one.</summary>
    public static double PeakRate(IEnumerable<LoadShapePhase> phases) =>
        phases.Where(p => p.IsOpen).Select(p => Math.Max(p.StartRate, p.EndRate)).DefaultIfEmpty(0).Max();

    /// <summary>The most virtual users of the closed-model phases; 0 without one.</summary>
    public static int PeakUsers(IEnumerable<LoadShapePhase> phases) =>
        phases.Where(p => p.IsClosed).Select(p => Math.Max(p.StartUsers, p.EndUsers)).DefaultIfEmpty(0).Max();
}
