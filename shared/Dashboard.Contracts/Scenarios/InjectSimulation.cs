using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>Settings of an open-model phase (<c>inject</c> or <c>rampingInject</c>).</summary>
public sealed record InjectSimulation
{
    /// <summary>Requests per second (the end rate of a ramp).</summary>
    [JsonPropertyName("rate")]
    public double Rate { get; init; }

    /// <summary>Length of the phase, for example "30s".</summary>
    [JsonPropertyName("during")]
    public string During { get; init; } = "";
}
