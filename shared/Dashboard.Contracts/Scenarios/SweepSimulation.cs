using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>
/// An open-model phase that steps the arrival rate up to find the loop's best and worst case:
/// <c>{ "sweep": { "from": 200, "step": 100, "to": 2000, "hold": "2s" } }</c>. Each step holds
/// one rate for <see cref="Hold"/>; the sweep stops by itself at saturation (waiting p99 of the
/// run's requests over <see cref="StopWaitingP99"/> two intervals in a row, or the backlog growing
/// for <see cref="StopGrowingIntervals"/> intervals in a row; the first interval is a warm-up
/// that counts nowhere).
/// </summary>
/// <remarks>At most one sweep per scenario. The best case is the highest step whose waiting p99
/// stays within <see cref="WaitingBudget"/> (default: a fraction of the measured mean service
/// time, see <see cref="ScenarioDefaults.SweepBudgetFraction"/>).</remarks>
public sealed record SweepSimulation
{
    /// <summary>Rate of the first step, requests per second.</summary>
    [JsonPropertyName("from")]
    public double From { get; init; }

    /// <summary>Rate added at each step, requests per second.</summary>
    [JsonPropertyName("step")]
    public double Step { get; init; }

    /// <summary>Rate of the last step at most, requests per second.</summary>
    [JsonPropertyName("to")]
    public double To { get; init; }

    /// <summary>How long each step holds its rate, for example "2s" (at least two reporting intervals).</summary>
    [JsonPropertyName("hold")]
    public string Hold { get; init; } = "";

    /// <summary>Waiting p99 a step may reach and still count as the best case, for example "0.5ms".</summary>
    [JsonPropertyName("waitingBudget")]
    public string? WaitingBudget { get; init; }

    /// <summary>Waiting p99 that stops the sweep when two intervals in a row pass it (default <see cref="ScenarioDefaults.SweepStopWaitingP99"/>).</summary>
    [JsonPropertyName("stopWaitingP99")]
    public string? StopWaitingP99 { get; init; }

    /// <summary>Intervals in a row of a growing backlog that stop the sweep (default <see cref="ScenarioDefaults.SweepStopGrowingIntervals"/>).</summary>
    [JsonPropertyName("stopGrowingIntervals")]
    public int? StopGrowingIntervals { get; init; }
}
