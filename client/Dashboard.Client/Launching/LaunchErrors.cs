using System.Text.RegularExpressions;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Launching;

/// <summary>
/// Where each of the server's problems with a scenario shows on the launch page: next to the form
/// field whose value caused it; under the JSON box, with its JSON path, when it comes from the
/// scenario as written (a field left empty, or a part the form does not show); above the form
/// when it is about the scenario as a whole.
/// </summary>
internal static partial class LaunchErrors
{
    /// <summary>
    /// Problems by <see cref="LaunchField"/>; a message keeps its JSON path where the field does not
    /// say it. <paramref name="typed"/> says whether a form field holds a value of the person's own.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByField(IEnumerable<FieldError> errors, Func<string, bool> typed)
    {
        var byField = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            // "$" is the validator's name for the scenario as a whole: no path worth showing.
            var path = error.Path == "$" ? "" : error.Path;
            var field = FieldOf(path);
            if (path.Length > 0 && (field == LaunchField.General || !typed(field)))
            {
                // Not something a field the person typed in set: the scenario as written says it.
                field = LaunchField.Json;
            }

            var message = field == LaunchField.Json ? $"{path}: {error.Message}" : error.Message;
            if (!byField.TryGetValue(field, out var messages))
            {
                byField[field] = messages = [];
            }

            messages.Add(message);
        }

        return byField.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>The form's own checks (<see cref="ScenarioComposer"/>): each already names its <see cref="LaunchField"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> OfForm(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>The form field a server path belongs to, or <see cref="LaunchField.General"/>.</summary>
    public static string FieldOf(string path)
    {
        if (path == "connections")
        {
            return LaunchField.Connections;
        }

        if (path is "agents" or "agentSplit" or "onAgentLost")
        {
            return LaunchField.Agents;
        }

        if (path is "target" || path.StartsWith("target.", StringComparison.Ordinal))
        {
            return LaunchField.TargetUrl;
        }

        if (RatePath().IsMatch(path))
        {
            return LaunchField.Rate;
        }

        if (UsersPath().IsMatch(path))
        {
            return LaunchField.Users;
        }

        if (path == "phases" || DurationPath().IsMatch(path))
        {
            return LaunchField.Duration;
        }

        return LaunchField.General;
    }

    [GeneratedRegex(@"^phases\[\d+\]\.(keepConstant|rampingConstant)\.copies$")]
    private static partial Regex UsersPath();

    [GeneratedRegex(@"^phases\[\d+\]\.((inject|rampingInject)\.rate|sweep\.(from|step|to))$")]
    private static partial Regex RatePath();

    [GeneratedRegex(@"^phases\[\d+\]\.((inject|rampingInject|keepConstant|rampingConstant)\.during|pause|sweep\.hold)$")]
    private static partial Regex DurationPath();
}
