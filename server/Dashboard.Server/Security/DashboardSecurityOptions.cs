using Dashboard.Server.Configuration;

namespace Dashboard.Server.Security;

/// <summary>Who may drive the dashboard (configuration section "Dashboard").</summary>
internal sealed class DashboardSecurityOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// The token a browser exchanges at <c>/login?t=…</c> for a cookie, and scripts send as
    /// <c>Authorization: Bearer …</c>. Unset: one is generated at start (and printed) whenever a token is required.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Ask for the token even when every address the dashboard listens on is loopback.</summary>
    public bool RequireToken { get; set; }

    /// <summary>
    /// Host names the dashboard answers to besides the ones it is bound to and the loopback names
    /// (for a proxy or a DNS name in front of it); anything else is refused with 400 (DNS rebinding).
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>How long a browser's login lasts.</summary>
    public TimeSpan LoginLifetime { get; set; } = TimeSpan.FromDays(7);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        // Empty is unset (compose passes DASHBOARD_TOKEN through even when it is not set).
        if (Token is { Length: > 0 } token && (token.Length < 16 || token.Any(char.IsWhiteSpace)))
        {
            errors.Add($"{SectionName}:Token: expected at least 16 characters without spaces, got {token.Length} characters");
        }

        foreach (var host in AllowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
            {
                errors.Add($"{SectionName}:AllowedHosts: expected a host name such as dashboard.example or 10.0.0.5 (no scheme, no port), got '{host}'");
            }
        }

        if (LoginLifetime < TimeSpan.FromMinutes(1) || LoginLifetime > TimeSpan.FromDays(365))
        {
            errors.Add($"{SectionName}:LoginLifetime: expected 1 minute to 365 days, got {LoginLifetime}");
        }

        return errors;
    }
}
