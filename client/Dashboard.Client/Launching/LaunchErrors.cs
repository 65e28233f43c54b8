using System.Text.RegularExpressions;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Launching;

/// <summary>
/// Where each of the server's problems with a scenario shows on the launch page: next to the form
/// field that set it, or under the JSON box (with its JSON path) when it came from the JSON view
/// or from a part of the scenario the form does not show.
/// </summary>
internal static partial class LaunchErrors
{
    /// <summary>Problems by <see cref="LaunchField"/>; a message keeps its JSON path where the field does not say it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByField(IEnumerable<FieldError> errors, bool fromJson)
    {
        var byField = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            // "$" is the validator's name for the scenario as a whole: no path worth showing.
            var path = error.Path == "$" ? "" : error.Path;
            var field = fromJson ? LaunchField.Json : FieldOf(path);
            var message = field is LaunchField.Json or LaunchField.General && path.Length > 0
                ? $"{path}: {error.Message}"
                : error.Message;
            if (!byField.TryGetValue(field, out var messages))
            {
                byField[field] = messages = [];
            }

            messages.Add(message);
        }

        return byField.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>The form field a server path belongs to, or <see cref="LaunchField.General"/>.</summary>
    public static string FieldOf(string path)
    {
        if (path is LaunchField.Rate or LaunchField.Duration or LaunchField.Connections or LaunchField.TargetUrl or LaunchField.Scenario)
        {
            return path; // already a form field (the composer's own checks)
        }

        if (path == "connections")
        {
            return LaunchField.Connections;
        }

        if (path is "target" || path.StartsWith("target.", StringComparison.Ordinal))
        {
            return LaunchField.TargetUrl;
        }

        if (RatePath().IsMatch(path))
        {
            return LaunchField.Rate;
        }

        if (path == "phases" || DurationPath().IsMatch(path))
        {
            return LaunchField.Duration;
        }

        return LaunchField.General;
    }

    [GeneratedRegex(@"^phases\[\d+\]\.((inject|rampingInject)\.rate|sweep\.(from|step|to))$")]
    private static partial Regex RatePath();

    [GeneratedRegex(@"^phases\[\d+\]\.((inject|rampingInject|keepConstant|rampingConstant)\.during|pause|sweep\.hold)$")]
    private static partial Regex DurationPath();
}
