using Dashboard.Contracts.Agents;

namespace Dashboard.Client.Formatting;

/// <summary>How an agent's state and figures read on the pages.</summary>
internal static class AgentText
{
    /// <summary>What to type to have agents: shown where a dashboard has no broker configured (the README says the same at more length).</summary>
    public const string DashboardCommand = "dotnet run --project server/Dashboard.Server -- --Distributed:Nats nats://HOST:4222";

    public const string AgentCommand = "dotnet run --project server/Dashboard.Server -- agent --nats nats://HOST:4222 --allow http://TARGET:PORT";

    public static string State(string state) => state switch
    {
        AgentStates.Live => "live",
        AgentStates.Lost => "lost",
        AgentStates.Left => "left",
        _ => state,
    };

    public static string StateClass(string state) => state switch
    {
        AgentStates.Live => "pill-ok",
        AgentStates.Lost => "pill-bad",
        _ => "pill-muted",
    };

    public static string StateHint(string state) => state switch
    {
        AgentStates.Live => "heartbeating",
        AgentStates.Lost => "no heartbeat for longer than Distributed:LostAfter: it crashed, was cut off, or lost the broker",
        AgentStates.Left => "it said goodbye when it stopped",
        _ => "",
    };

    /// <summary>"0.4 s ago", "3 min ago".</summary>
    public static string Ago(double seconds) =>
        !double.IsFinite(seconds) ? FigureFormat.Missing
        : seconds < 60 ? $"{FigureFormat.Compact(Math.Round(seconds, 1))} s ago"
        : seconds < 3600 ? $"{FigureFormat.Compact(Math.Floor(seconds / 60))} min ago"
        : $"{FigureFormat.Compact(Math.Floor(seconds / 3600))} h ago";

    /// <summary>"+0.59 ms ± 1.1": the agent's clock ahead (+) or behind (−) ours, within half the round trip.</summary>
    public static string ClockOffset(double? offsetMs, double? roundTripMs) =>
        offsetMs is not { } offset ? "not measured yet"
        : $"{(offset >= 0 ? "+" : "−")}{FigureFormat.Adaptive(Math.Abs(offset))} ms ± {FigureFormat.Adaptive((roundTripMs ?? 0) / 2)}";

    public static string Running(string? running) => running ?? "idle";

    /// <summary>"1.0.0+a31c2dc": the build's commit cut to seven characters (the page's title keeps the whole).</summary>
    public static string ShortVersion(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version;
    }
}
