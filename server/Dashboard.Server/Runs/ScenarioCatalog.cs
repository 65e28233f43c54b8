using Dashboard.Contracts.Scenarios;
using Dashboard.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Runs;

/// <summary>Where the scenario catalog lives (configuration section "Scenarios").</summary>
internal sealed class ScenarioCatalogOptions
{
    /// <summary>Folder of scenario files; the default is the copy next to the host (from the
    /// repository's scenarios/). A relative path is the user's (<see cref="UserPaths"/>).</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "scenarios");

    /// <summary>The folder as an absolute path.</summary>
    public string FullDirectory => UserPaths.Resolve(Directory);

    public int MaxFiles { get; set; } = 256;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        OptionRules.Range(errors, "Scenarios", nameof(MaxFiles), MaxFiles, 1, 10_000);
        return errors;
    }
}

/// <summary>A catalog scenario: its file, its text and its validated definition.</summary>
internal sealed record CatalogScenario(string Name, string File, string Json, ScenarioDefinition Definition);

/// <summary>
/// The scenarios shipped in scenarios/*.json, each validated like any posted scenario. Files that
/// do not validate are listed with their errors instead of being offered.
/// </summary>
internal sealed class ScenarioCatalog(IOptions<ScenarioCatalogOptions> options, RunManager runs)
{
    private readonly Lazy<(IReadOnlyList<CatalogScenario> Scenarios, IReadOnlyList<string> Errors)> _loaded = new(() => Load(options.Value, runs));

    public IReadOnlyList<CatalogScenario> Scenarios => _loaded.Value.Scenarios;

    /// <summary>One line per problem: "file: path: message".</summary>
    public IReadOnlyList<string> Errors => _loaded.Value.Errors;

    public CatalogScenario? Find(string name) => Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    private static (IReadOnlyList<CatalogScenario>, IReadOnlyList<string>) Load(ScenarioCatalogOptions options, RunManager runs)
    {
        var scenarios = new List<CatalogScenario>();
        var errors = new List<string>();
        var directory = options.FullDirectory;
        if (!System.IO.Directory.Exists(directory))
        {
            errors.Add($"{directory}: the scenario folder does not exist (Scenarios:Directory)");
            return (scenarios, errors);
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).Take(options.MaxFiles))
        {
            var file = Path.GetFileName(path);
            var json = File.ReadAllText(path);
            var validated = runs.Validate(json);
            if (!validated.IsValid)
            {
                errors.AddRange(validated.Errors.Select(e => $"{file}: {e.Path}: {e.Message}"));
                continue;
            }

            scenarios.Add(new CatalogScenario(validated.Scenario!.Name, file, json, validated.Scenario));
        }

        return (scenarios, errors);
    }
}
