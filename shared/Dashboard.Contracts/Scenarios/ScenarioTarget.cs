using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>What a scenario's requests go to. Exactly one of the three is set.</summary>
public sealed record ScenarioTarget
{
    /// <summary>A workload of the embedded loop server's catalog, requested as <c>/w/{name}</c>.</summary>
    [JsonPropertyName("workload")]
    public string? Workload { get; init; }

    /// <summary>A workload written in place (the loop server's workload JSON), posted to <c>/w</c>.</summary>
    [JsonPropertyName("inline")]
    public JsonElement? Inline { get; init; }

    /// <summary>An absolute http:// URL; its origin must be in the engine's allow-list.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }
}
