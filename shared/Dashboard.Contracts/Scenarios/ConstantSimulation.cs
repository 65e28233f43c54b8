using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>Settings of a closed-model phase (<c>keepConstant</c> or <c>rampingConstant</c>).</summary>
public sealed record ConstantSimulation
{
    /// <summary>Virtual users (the end count of a ramp).</summary>
    [JsonPropertyName("copies")]
    public int Copies { get; init; }

    /// <summary>Length of the phase, for example "30s".</summary>
    [JsonPropertyName("during")]
    public string During { get; init; } = "";

    /// <summary>Pause of each user between an answer and its next request (default none).</summary>
    [JsonPropertyName("think")]
    public string? Think { get; init; }
}
