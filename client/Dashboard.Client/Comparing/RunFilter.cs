using System.Globalization;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Comparing;

/// <summary>
/// The compare page's search of the history: text found in the scenario's name or the run's id,
/// a status, and the day (UTC) the run started. An empty part matches every run.
/// </summary>
public sealed record RunFilter(string? Text = null, RunStatus? Status = null, DateOnly? Day = null)
{
    public static readonly RunFilter Any = new();

    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && Status is null && Day is null;

    public bool Matches(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = Text?.Trim();
        return (string.IsNullOrEmpty(text)
                || run.Scenario.Contains(text, StringComparison.OrdinalIgnoreCase)
                || run.Id.Contains(text, StringComparison.OrdinalIgnoreCase))
            && (Status is null || run.Status == Status)
            && (Day is null || DateOnly.FromDateTime(run.StartedAt.UtcDateTime) == Day);
    }

    /// <summary>A day as the date field sends it (yyyy-MM-dd); null for empty or anything else.</summary>
    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>A status by its name; null for empty (any status) or a name that is none.</summary>
    public static RunStatus? ParseStatus(string? text) =>
        Enum.TryParse<RunStatus>(text, ignoreCase: false, out var status) && Enum.IsDefined(status) ? status : null;
}
