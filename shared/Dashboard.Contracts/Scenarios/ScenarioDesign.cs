using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>
/// One application design of a scenario's <see cref="ScenarioDefinition.Designs"/>: the same load
/// against another catalog workload and number of loops (compute on the loop, offloaded to the
/// thread pool or the process pool, spread over two loops). The designs run one after another,
/// each a run of its own, and are read side by side.
/// </summary>
public sealed record ScenarioDesign
{
    /// <summary>How the comparison names it ("thread pool"); unique in the scenario.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>The catalog workload its requests run.</summary>
    [JsonPropertyName("workload")]
    public string Workload { get; init; } = "";

    /// <summary>Loops its connections are spread over; absent: the host's <c>LoopServer:Loops</c>.</summary>
    [JsonPropertyName("loops")]
    public int? Loops { get; init; }
}
