using Dashboard.Contracts.Scenarios;

namespace Dashboard.Load.Scenarios;

/// <summary>The run of one design of a scenario's <c>designs</c>: the same scenario against that design's workload and loops.</summary>
public static class DesignVariants
{
    /// <summary>The separator between the scenario's name and the design's in each run's name.</summary>
    public const string NameSeparator = " · ";

    public static ScenarioDefinition For(ScenarioDefinition scenario, int index)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var designs = scenario.Designs ?? throw new ArgumentException($"scenario '{scenario.Name}' has no designs", nameof(scenario));
        var design = designs[index];
        // A run's name is at most 100 characters, as a scenario's: the scenario's part gives way.
        var room = Math.Max(1, 100 - NameSeparator.Length - design.Name.Length);
        var scenarioPart = scenario.Name.Length <= room ? scenario.Name : scenario.Name[..(room - 1)] + "…";
        return scenario with
        {
            Name = scenarioPart + NameSeparator + design.Name,
            Target = new ScenarioTarget { Workload = design.Workload },
            Loops = design.Loops,
            Designs = null,
        };
    }
}
