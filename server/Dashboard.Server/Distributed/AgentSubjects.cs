using System.Text.RegularExpressions;

namespace Dashboard.Server.Distributed;

/// <summary>
/// The NATS subjects the coordinator and the agents speak on, in one place. Broadcasts go under
/// <c>loopdash.agents.</c>; what is meant for one agent goes under <c>loopdash.agent.NAME.</c>,
/// so an agent's name must be one subject token.
/// </summary>
internal static partial class AgentSubjects
{
    /// <summary>Agent → coordinator: who I am and what I can do (at start, and when asked).</summary>
    public const string Announce = "loopdash.agents.announce";

    /// <summary>Agent → coordinator: I am alive, and this is what I run.</summary>
    public const string Heartbeat = "loopdash.agents.heartbeat";

    /// <summary>Agent → coordinator: I am stopping.</summary>
    public const string Leave = "loopdash.agents.leave";

    /// <summary>Coordinator → every agent: announce yourselves (a coordinator that starts after its agents).</summary>
    public const string Discover = "loopdash.agents.discover";

    /// <summary>Coordinator → every agent: it is alive (its instance id), every heartbeat interval.</summary>
    public const string Coordinator = "loopdash.agents.coordinator";

    public const int MaxNameLength = 64;

    /// <summary>Coordinator → one agent, request and reply: run this share.</summary>
    public static string Start(string agent) => $"loopdash.agent.{agent}.start";

    /// <summary>Coordinator → one agent, request and reply: a new rate or user count for your share.</summary>
    public static string Change(string agent) => $"loopdash.agent.{agent}.change";

    /// <summary>Coordinator → one agent: stop your share.</summary>
    public static string Stop(string agent) => $"loopdash.agent.{agent}.stop";

    /// <summary>Agents → coordinator: each interval of their share of run <paramref name="runId"/>.</summary>
    public static string Intervals(string runId) => $"loopdash.run.{runId}.interval";

    /// <summary>Agents → coordinator: their share of run <paramref name="runId"/> ended.</summary>
    public static string Ended(string runId) => $"loopdash.run.{runId}.ended";

    /// <summary>Coordinator → one agent, request and reply: your clock now (the offset is measured from it).</summary>
    public static string Clock(string agent) => $"loopdash.agent.{agent}.clock";

    /// <summary>Why <paramref name="name"/> cannot name an agent, or null when it can.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrEmpty(name) ? "expected a name"
        : name.Length > MaxNameLength ? $"expected at most {MaxNameLength} characters, got {name.Length}"
        : !NamePattern().IsMatch(name) ? $"expected letters, digits, '-' and '_' only (it is part of a NATS subject), got \"{name}\""
        : null;

    /// <summary>A name made of <paramref name="text"/>'s allowed characters (a host name with dots becomes host-name).</summary>
    public static string Sanitize(string text)
    {
        var cleaned = Regex.Replace(text, "[^A-Za-z0-9_-]+", "-").Trim('-');
        if (cleaned.Length == 0)
        {
            cleaned = "agent";
        }

        return cleaned.Length <= MaxNameLength ? cleaned : cleaned[..MaxNameLength];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
