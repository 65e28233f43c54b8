using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>
/// One phase of a scenario, written as an object with exactly one key, as in NBomber:
/// <c>{ "inject": { "rate": 100, "during": "30s" } }</c>,
/// <c>{ "rampingInject": { "rate": 500, "during": "30s" } }</c>,
/// <c>{ "keepConstant": { "copies": 10, "during": "30s", "think": "10ms" } }</c>,
/// <c>{ "rampingConstant": { "copies": 50, "during": "30s" } }</c>,
/// <c>{ "pause": "5s" }</c>,
/// <c>{ "sweep": { "from": 200, "step": 100, "to": 2000, "hold": "2s" } }</c>.
/// </summary>
/// <remarks>Open-model phases (inject, rampingInject) start requests at a rate whether or not
/// earlier ones finished; closed-model phases (keepConstant, rampingConstant) run virtual users
/// that each wait for their answer. Phases of both kinds may follow each other in any order.</remarks>
public sealed record LoadSimulation
{
    /// <summary>Open model: a constant arrival rate.</summary>
    [JsonPropertyName("inject")]
    public InjectSimulation? Inject { get; init; }

    /// <summary>Open model: a rate changing linearly from the previous phase's rate (0 after a
    /// closed phase, a pause or at the start) to this one.</summary>
    [JsonPropertyName("rampingInject")]
    public InjectSimulation? RampingInject { get; init; }

    /// <summary>Closed model: a constant number of virtual users.</summary>
    [JsonPropertyName("keepConstant")]
    public ConstantSimulation? KeepConstant { get; init; }

    /// <summary>Closed model: a user count changing linearly from the previous phase's count
    /// (0 after an open phase, a pause or at the start) to this one.</summary>
    [JsonPropertyName("rampingConstant")]
    public ConstantSimulation? RampingConstant { get; init; }

    /// <summary>Open model: the arrival rate stepped up until the loop saturates (best and worst case).</summary>
    [JsonPropertyName("sweep")]
    public SweepSimulation? Sweep { get; init; }

    /// <summary>No new requests for a duration such as "5s".</summary>
    [JsonPropertyName("pause")]
    public string? Pause { get; init; }
}
