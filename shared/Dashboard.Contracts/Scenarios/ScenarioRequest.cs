using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>
/// One request kind of a scenario's mix. It goes to the scenario's target server; with neither
/// <see cref="Path"/> nor <see cref="Workload"/> it is the target itself.
/// </summary>
public sealed record ScenarioRequest
{
    /// <summary>Name used in per-kind statistics.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>Relative share of the mix (default 1).</summary>
    [JsonPropertyName("weight")]
    public double? Weight { get; init; }

    /// <summary>A path (and query) on the target's server, starting with "/".</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>A catalog workload of the loop server, requested as <c>/w/{name}</c>.</summary>
    [JsonPropertyName("workload")]
    public string? Workload { get; init; }

    /// <summary>HTTP method (default: the scenario's method, else GET, or POST with a body).</summary>
    [JsonPropertyName("method")]
    public string? Method { get; init; }

    /// <summary>Request body: a JSON object or array is sent as application/json, a JSON string
    /// as its text (text/plain).</summary>
    [JsonPropertyName("body")]
    public JsonElement? Body { get; init; }
}
