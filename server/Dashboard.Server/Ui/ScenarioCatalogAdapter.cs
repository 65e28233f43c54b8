using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Scenarios;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Ui;

/// <summary>
/// The launch page's view of <see cref="ScenarioCatalog"/>: each scenario with its load shape,
/// read from the plan the engine would run (durations parsed, ramps starting where the previous
/// phase ended). The catalog is read once, so the summaries are built once.
/// </summary>
internal sealed class ScenarioCatalogAdapter(ScenarioCatalog catalog, RunManager runs) : IScenarioCatalog
{
    private readonly Lazy<IReadOnlyList<ScenarioSummary>> _summaries = new(() => Summarize(catalog, runs));

    public IReadOnlyList<ScenarioSummary> Scenarios() => _summaries.Value;

    public IReadOnlyList<string> Problems() => catalog.Errors;

    private static IReadOnlyList<ScenarioSummary> Summarize(ScenarioCatalog catalog, RunManager runs) =>
        catalog.Scenarios.Select(s => new ScenarioSummary
        {
            Name = s.Name,
            Description = s.Definition.Description,
            File = s.File,
            Json = s.Json,
            Definition = s.Definition,
            Shape = ShapeOf(runs.Validate(s.Json)),
        }).ToArray();

    /// <summary>One entry per scenario phase: a sweep's steps read as one climb from its first rate to its last.</summary>
    internal static IReadOnlyList<LoadShapePhase> ShapeOf(ScenarioValidationResult validated) =>
        validated.Plan?.Phases
            .GroupBy(p => p.Index)
            .Select(g => new LoadShapePhase(
                g.First().Name, g.Sum(p => p.Duration.TotalSeconds), g.First().StartRate, g.Last().EndRate, g.First().StartCopies, g.Last().EndCopies)
            {
                Steps = g.Count(),
            })
            .ToArray() ?? [];
}
