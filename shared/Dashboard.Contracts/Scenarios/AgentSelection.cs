using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>
/// Which agents a scenario runs on (<see cref="ScenarioDefinition.Agents"/>): a number of them,
/// written <c>"agents": 2</c>, or every live one, written <c>"agents": "all"</c>.
/// </summary>
[JsonConverter(typeof(AgentSelectionJsonConverter))]
public sealed record AgentSelection
{
    /// <summary>The word for every live agent.</summary>
    public const string AllWord = "all";

    /// <summary>Every live agent when the run starts.</summary>
    public static AgentSelection All { get; } = new() { EveryLive = true };

    /// <summary>How many agents; null with <see cref="EveryLive"/>.</summary>
    public int? Count { get; init; }

    /// <summary>Every live agent when the run starts.</summary>
    public bool EveryLive { get; init; }

    public static AgentSelection Of(int count) => new() { Count = count };

    public override string ToString() => EveryLive ? AllWord : Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

/// <summary>The values of <see cref="ScenarioDefinition.AgentSplit"/>.</summary>
public static class AgentSplitModes
{
    /// <summary>Each agent's share of the rate, users and connections is in proportion to its cores (the default).</summary>
    public const string Capacity = "capacity";

    /// <summary>Every agent gets the same share.</summary>
    public const string Even = "even";
}

/// <summary>The values of <see cref="ScenarioDefinition.OnAgentLost"/>.</summary>
public static class AgentLostActions
{
    /// <summary>The run goes on with the other agents (the default); the lost one's share is reported missing, not as zero latency.</summary>
    public const string Continue = "continue";

    /// <summary>The run stops, marked aborted, naming the agent.</summary>
    public const string Abort = "abort";
}

/// <summary>Reads and writes <see cref="AgentSelection"/> as a number or "all" (the validator has checked the text first).</summary>
public sealed class AgentSelectionJsonConverter : JsonConverter<AgentSelection>
{
    public override AgentSelection? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var count) => AgentSelection.Of(count),
        JsonTokenType.String when string.Equals(reader.GetString(), AgentSelection.AllWord, StringComparison.Ordinal) => AgentSelection.All,
        JsonTokenType.Null => null,
        _ => throw new JsonException($"expected a number of agents or \"{AgentSelection.AllWord}\""),
    };

    public override void Write(Utf8JsonWriter writer, AgentSelection value, JsonSerializerOptions options)
    {
        if (value.EveryLive)
        {
            writer.WriteStringValue(AgentSelection.AllWord);
        }
        else
        {
            writer.WriteNumberValue(value.Count ?? 0);
        }
    }
}
