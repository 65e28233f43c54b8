using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>
/// A pass/fail condition of a run, such as <c>"latency.p99 &lt; 50ms"</c>. In JSON either the
/// expression as a string, or <c>{ "expression": "...", "abortOnFail": true }</c>.
/// </summary>
[JsonConverter(typeof(ThresholdDefinitionJsonConverter))]
public sealed record ThresholdDefinition
{
    /// <summary>"metric operator value", for example "errors.rate &lt; 1%".</summary>
    [JsonPropertyName("expression")]
    public string Expression { get; init; } = "";

    /// <summary>Also checked during the run; the run stops early when it fails.</summary>
    [JsonPropertyName("abortOnFail")]
    public bool AbortOnFail { get; init; }
}
