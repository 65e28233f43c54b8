using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Server.Distributed;

/// <summary>A message between coordinator and agents: it says what is wrong with itself, if anything (messages come from a broker others may share).</summary>
internal interface IAgentMessage
{
    string? Problem();
}

/// <summary>Agent → coordinator on <see cref="AgentSubjects.Announce"/>.</summary>
internal sealed record AgentAnnouncement(string Name, string Instance, string Host, string Version, int Cores, int MaxConnections, IReadOnlyList<string> AllowedTargets) : IAgentMessage
{
    public const int MaxTargets = 64;

    public string? Problem() =>
        AgentSubjects.NameProblem(Name) is { } name ? $"name: {name}"
        : AgentWire.TextProblem(nameof(Instance), Instance)
        ?? AgentWire.TextProblem(nameof(Host), Host)
        ?? AgentWire.TextProblem(nameof(Version), Version)
        ?? (Cores is < 1 or > 65_536 ? $"cores: expected 1..65536, got {Cores}"
        : MaxConnections is < 1 or > 10_000_000 ? $"maxConnections: expected 1..10000000, got {MaxConnections}"
        : AllowedTargets is null ? "allowedTargets: expected a list of origins"
        : AllowedTargets.Count > MaxTargets ? $"allowedTargets: expected at most {MaxTargets}, got {AllowedTargets.Count}"
        : AllowedTargets.Select(t => AgentWire.TextProblem("allowedTargets", t)).FirstOrDefault(p => p is not null));
}

/// <summary>Agent → coordinator on <see cref="AgentSubjects.Heartbeat"/>: alive, at its own clock's <see cref="SentAt"/>, running <see cref="Running"/>.</summary>
internal sealed record AgentHeartbeat(string Name, string Instance, DateTimeOffset SentAt, string? Running) : IAgentMessage
{
    public string? Problem() =>
        AgentSubjects.NameProblem(Name) is { } name ? $"name: {name}"
        : AgentWire.TextProblem(nameof(Instance), Instance)
        ?? (Running is null ? null : AgentWire.TextProblem(nameof(Running), Running));
}

/// <summary>Agent → coordinator on <see cref="AgentSubjects.Leave"/>.</summary>
internal sealed record AgentFarewell(string Name, string Instance) : IAgentMessage
{
    public string? Problem() =>
        AgentSubjects.NameProblem(Name) is { } name ? $"name: {name}" : AgentWire.TextProblem(nameof(Instance), Instance);
}

/// <summary>The agent's answer on <see cref="AgentSubjects.Clock"/>: its clock when it answered.</summary>
internal sealed record ClockReading(string Instance, DateTimeOffset At) : IAgentMessage
{
    public string? Problem() => AgentWire.TextProblem(nameof(Instance), Instance);
}

/// <summary>The one JSON form of every message, and the checks a message from the broker passes before it is believed.</summary>
internal static class AgentWire
{
    /// <summary>Larger control messages are refused unread.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>An interval's figures with its histograms (a few KB usually; a wide distribution over many kinds more).</summary>
    public const int MaxIntervalBytes = 768 * 1024;

    public const int MaxTextLength = 256;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 8,
    };

    public static byte[] Encode<T>(T message)
        where T : IAgentMessage => JsonSerializer.SerializeToUtf8Bytes(message, Json);

    /// <summary>Reads a message; null and the reason when it is too large, malformed or wrong in a field.</summary>
    public static T? Decode<T>(ReadOnlySpan<byte> data, out string? problem)
        where T : class, IAgentMessage => Decode<T>(data, MaxMessageBytes, out problem);

    /// <inheritdoc cref="Decode{T}(ReadOnlySpan{byte}, out string?)"/>
    public static T? Decode<T>(ReadOnlySpan<byte> data, int maxBytes, out string? problem)
        where T : class, IAgentMessage
    {
        if (data.Length == 0)
        {
            problem = "empty message";
            return null;
        }

        if (data.Length > maxBytes)
        {
            problem = $"message of {data.Length} bytes; expected at most {maxBytes}";
            return null;
        }

        T? message;
        try
        {
            message = JsonSerializer.Deserialize<T>(data, Json);
        }
        catch (JsonException ex)
        {
            problem = $"not a {typeof(T).Name}: {ex.Message}";
            return null;
        }

        problem = message is null ? $"not a {typeof(T).Name}: null" : message.Problem();
        return problem is null ? message : null;
    }

    public static string? TextProblem(string field, string? text) =>
        string.IsNullOrEmpty(text) ? $"{JsonNamingPolicy.CamelCase.ConvertName(field)}: expected text"
        : text.Length > MaxTextLength ? $"{JsonNamingPolicy.CamelCase.ConvertName(field)}: expected at most {MaxTextLength} characters, got {text.Length}"
        : null;
}
