namespace Dashboard.Client.Launching;

/// <summary>
/// What the launch page's plain HTML form posts. Every field is text, so a value that is not a
/// number comes back to the page with a message next to its field instead of failing the binding.
/// </summary>
public sealed class LaunchForm
{
    /// <summary>Start the catalog scenario with the overrides below.</summary>
    public const string StartAction = "start";

    /// <summary>Start the JSON text as written.</summary>
    public const string StartJsonAction = "start-json";

    /// <summary>Put the catalog scenario with its overrides into the JSON box, without starting.</summary>
    public const string ComposeAction = "compose";

    /// <summary>The catalog scenario's name.</summary>
    public string? Scenario { get; set; }

    /// <summary>Peak arrival rate, requests per second; the scenario's phases keep their shape.</summary>
    public string? Rate { get; set; }

    /// <summary>Total duration in seconds; every phase keeps its share of it.</summary>
    public string? Duration { get; set; }

    public string? Connections { get; set; }

    /// <summary>An absolute http:// URL of an allow-listed server, instead of the embedded loop server.</summary>
    public string? TargetUrl { get; set; }

    /// <summary>The whole scenario as JSON (the JSON view).</summary>
    public string? Json { get; set; }

    /// <summary>Which button was pressed: <see cref="StartAction"/>, <see cref="StartJsonAction"/> or <see cref="ComposeAction"/>.</summary>
    public string? Action { get; set; }
}
