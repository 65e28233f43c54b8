using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>The JSON settings scenarios are written and read with: camelCase names, absent
/// optional settings left out, indented for files people edit, and read as the validator reads
/// them (comments and trailing commas allowed: a document it accepts must also deserialize).</summary>
public static class ScenarioJson
{
    /// <summary>Shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes a scenario as people write it.</summary>
    public static string Serialize(ScenarioDefinition scenario) => JsonSerializer.Serialize(scenario, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
