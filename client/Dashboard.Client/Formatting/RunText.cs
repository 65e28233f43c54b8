using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Formatting;

/// <summary>
/// How a run's state reads on the pages.
/// </summary>
internal static class RunText
{
    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Completed => "completed",
        RunStatus.Stopped => "stopped",
        RunStatus.ThresholdAborted => "aborted by threshold",
        RunStatus.Failed => "failed",
        RunStatus.Aborted => "aborted",
        RunStatus.Interrupted => "interrupted by shutdown",
        _ => status.ToString(),
    };

    /// <summary>The pill's colour class: live while running, green when it ran to its end, red when it broke.</summary>
    public static string StatusClass(RunStatus status) => status switch
    {
        RunStatus.Running => "pill-live",
        RunStatus.Completed => "pill-ok",
        RunStatus.Stopped or RunStatus.Interrupted => "pill-muted",
        _ => "pill-bad",
    };

    /// <summary>The thresholds' verdict: passed, failed, or a dash while it cannot be judged.</summary>
    public static string Verdict(bool? passed) => passed switch
    {
        true => "passed",
        false => "failed",
        null => FigureFormat.Missing,
    };

    public static string VerdictClass(bool? passed) => passed switch
    {
        true => "pill-ok",
        false => "pill-bad",
        null => "pill-muted",
    };

    /// <summary>How a task ended, in the pages' words (the loop says RanToCompletion, Faulted, Cancelled).</summary>
    public static string Outcome(string outcome) => outcome switch
    {
        "RanToCompletion" => "completed",
        "Faulted" => "faulted",
        "Cancelled" or "Canceled" => "cancelled",
        TaskOutcomes.Running => "still running",
        _ => outcome,
    };

    /// <summary>True for an outcome worth a warning next to the task: it ended without running to completion.</summary>
    public static bool IsFailure(string outcome) => outcome is not ("RanToCompletion" or TaskOutcomes.Running);

    /// <summary>The pill class of a run's verdict in words (healthy, saturated, blocked, no-data).</summary>
    public static string VerdictKindClass(string? kind) => kind switch
    {
        "healthy" => "pill-ok",
        "saturated" or "blocked" => "pill-bad",
        _ => "pill-muted",
    };
}
