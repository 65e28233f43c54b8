using Microsoft.Extensions.Options;

namespace Dashboard.Server.Security;

/// <summary>
/// Answers only requests that name this dashboard (<see cref="BoundAddresses.Hosts"/> and
/// <c>Dashboard:AllowedHosts</c>): a page on another site whose name was rebound to this
/// machine's address sends its own name and gets 400, so it can read nothing.
/// </summary>
internal sealed class HostGuard
{
    private readonly HashSet<string> _hosts;

    public HostGuard(BoundAddresses bound, IOptions<DashboardSecurityOptions> options)
    {
        _hosts = new HashSet<string>(bound.Hosts, StringComparer.OrdinalIgnoreCase);
        _hosts.UnionWith(options.Value.AllowedHosts);
    }

    public IReadOnlyCollection<string> Hosts => _hosts;

    public bool Answers(HostString host) => host.HasValue && _hosts.Contains(host.Host);

    /// <summary>Why the request's Host is refused, naming the setting that would admit it.</summary>
    public string Refusal(HostString host) => host.HasValue
        ? $"this dashboard answers to {string.Join(", ", _hosts.Order(StringComparer.Ordinal))}, not '{host.Host}'; to reach it by that name add it to {DashboardSecurityOptions.SectionName}:AllowedHosts"
        : "expected a Host header naming this dashboard";
}
