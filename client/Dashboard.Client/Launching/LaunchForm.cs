namespace Dashboard.Client.Launching;

/// <summary>
/// The launch form's fields, each a change to the scenario below it, as typed. Every field is
/// text, so a value that is not a number gets a message next to its field; an empty field keeps
/// the scenario's own value.
/// </summary>
public sealed class LaunchForm
{
    /// <summary>Peak arrival rate, requests per second; the scenario's open-model phases keep their shape.</summary>
    public string? Rate { get; set; }

    /// <summary>Peak virtual users; the scenario's closed-model phases keep their shape.</summary>
    public string? Users { get; set; }

    /// <summary>Total duration in seconds; every phase keeps its share of it.</summary>
    public string? Duration { get; set; }

    public string? Connections { get; set; }

    /// <summary>An absolute http:// URL of an allow-listed server, instead of the embedded loop server.</summary>
    public string? TargetUrl { get; set; }

    /// <summary>Agents to run on: a number, or "all" live agents (a dashboard with a broker only).</summary>
    public string? Agents { get; set; }

    /// <summary>Every field's <see cref="LaunchField"/> name.</summary>
    internal static readonly string[] Fields = [LaunchField.Rate, LaunchField.Users, LaunchField.Duration, LaunchField.Connections, LaunchField.TargetUrl, LaunchField.Agents];

    /// <summary>True when no field changes anything.</summary>
    public bool IsEmpty => Fields.All(name => Text(name) is null);

    /// <summary>A field's text by <see cref="LaunchField"/> name; null when empty.</summary>
    public string? Text(string field)
    {
        var text = field switch
        {
            LaunchField.Rate => Rate,
            LaunchField.Users => Users,
            LaunchField.Duration => Duration,
            LaunchField.Connections => Connections,
            LaunchField.TargetUrl => TargetUrl,
            LaunchField.Agents => Agents,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>Sets a field by <see cref="LaunchField"/> name.</summary>
    public void Set(string field, string? text)
    {
        switch (field)
        {
            case LaunchField.Rate: Rate = text; break;
            case LaunchField.Users: Users = text; break;
            case LaunchField.Duration: Duration = text; break;
            case LaunchField.Connections: Connections = text; break;
            case LaunchField.TargetUrl: TargetUrl = text; break;
            case LaunchField.Agents: Agents = text; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "not a launch form field");
        }
    }

    public void Clear() => Rate = Users = Duration = Connections = TargetUrl = Agents = null;
}
