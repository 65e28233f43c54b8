using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>
/// A load test as a user writes it (the JSON of <c>scenarios/*.json</c>, of <c>POST /api/runs</c>
/// and of the headless <c>run</c> command). The vocabulary follows NBomber: a scenario runs
/// load simulations (<see cref="Phases"/>) in order against one target.
/// </summary>
/// <remarks>
/// Optional settings are <c>null</c> when absent; <see cref="ScenarioDefaults"/> holds the values
/// used then. Durations are strings such as <c>"500ms"</c>, <c>"30s"</c>, <c>"1m"</c>. Raw JSON is
/// best validated from its text (the load engine's <c>ScenarioValidator.Parse</c>), which names
/// every problem with its JSON path, unknown fields included.
/// </remarks>
public sealed record ScenarioDefinition
{
    /// <summary>Short name, shown in run lists.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>What the scenario shows and why.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>What the requests go to: a catalog workload, an inline workload or a URL.</summary>
    [JsonPropertyName("target")]
    public ScenarioTarget? Target { get; init; }

    /// <summary>HTTP method for the target when <see cref="Requests"/> is absent
    /// (default GET; POST for an inline workload).</summary>
    [JsonPropertyName("method")]
    public string? Method { get; init; }

    /// <summary>A mix of request kinds chosen at random by weight; when absent the target
    /// alone is the single request kind.</summary>
    [JsonPropertyName("requests")]
    public IReadOnlyList<ScenarioRequest>? Requests { get; init; }

    /// <summary>
    /// A warm-up before the measured phases, as NBomber's <c>WithWarmUpDuration</c>: for this long
    /// (for example <c>"2s"</c>) the engine plays the scenario's phases from their start, then starts
    /// them over and measures. Everything the warm-up sends is kept out of every statistic,
    /// threshold and verdict (its requests carry their own correlation ids, so the loop's request
    /// figures leave them out too) and shown greyed. Null or absent: no warm-up. At most the phases'
    /// total duration. With a warm-up, a sweep measures its first step whole (its own warm-up is
    /// for scenarios without one).
    /// </summary>
    [JsonPropertyName("warmUp")]
    public string? WarmUp { get; init; }

    /// <summary>
    /// Event loops the embedded loop server spreads this run's connections over (1 up to the
    /// machine's cores). Absent: the host's <c>LoopServer:Loops</c>. Loops the host has not started
    /// yet are started for the run and stay. Only for a workload or inline target.
    /// </summary>
    [JsonPropertyName("loops")]
    public int? Loops { get; init; }

    /// <summary>
    /// Application designs to run the same load against, one after another, each a run of its own
    /// (then <see cref="Target"/>, <see cref="Requests"/> and <see cref="Loops"/> are left out: each
    /// design names its workload and loops). Null: one run against <see cref="Target"/>.
    /// </summary>
    [JsonPropertyName("designs")]
    public IReadOnlyList<ScenarioDesign>? Designs { get; init; }

    /// <summary>Load simulations, run one after another.</summary>
    [JsonPropertyName("phases")]
    public IReadOnlyList<LoadSimulation>? Phases { get; init; }

    /// <summary>Keep-alive connections the engine opens (default 50). Open-model requests queue
    /// for a free connection; closed-model virtual users each hold one.</summary>
    [JsonPropertyName("connections")]
    public int? Connections { get; init; }

    /// <summary>Time a request may take from its send to its complete answer (default "5s").</summary>
    [JsonPropertyName("requestTimeout")]
    public string? RequestTimeout { get; init; }

    /// <summary>Open-model requests allowed in flight (queued or sent) before new arrivals are
    /// dropped and counted (default 10,000).</summary>
    [JsonPropertyName("maxInFlight")]
    public int? MaxInFlight { get; init; }

    /// <summary>Arrival process of the open model: "even" (evenly spaced, default) or "poisson".</summary>
    [JsonPropertyName("arrivals")]
    public string? Arrivals { get; init; }

    /// <summary>Seed for Poisson arrivals and the request mix, so a run can be repeated.</summary>
    [JsonPropertyName("seed")]
    public int? Seed { get; init; }

    /// <summary>Pass/fail conditions such as "latency.p99 &lt; 50ms".</summary>
    [JsonPropertyName("thresholds")]
    public IReadOnlyList<ThresholdDefinition>? Thresholds { get; init; }

    /// <summary>
    /// Agents the run's load comes from, instead of this dashboard's own engine: a number, or
    /// "all" live agents (README, "Agents on other machines"). Each runs its share of the rate, the
    /// users and the connections from a common start time; the dashboard merges what they measure.
    /// Null: the dashboard's own engine.
    /// </summary>
    [JsonPropertyName("agents")]
    public AgentSelection? Agents { get; init; }

    /// <summary>How the load is split across <see cref="Agents"/>: "capacity" (by cores, default) or "even".</summary>
    [JsonPropertyName("agentSplit")]
    public string? AgentSplit { get; init; }

    /// <summary>What a run on agents does when one is lost: "continue" with the others (default) or "abort".</summary>
    [JsonPropertyName("onAgentLost")]
    public string? OnAgentLost { get; init; }

    /// <summary>Reporting interval of the live statistics (default "500ms").</summary>
    [JsonPropertyName("interval")]
    public string? Interval { get; init; }
}
