using System.Net;
using System.Net.NetworkInformation;

namespace Dashboard.Server.Security;

/// <summary>
/// What the dashboard is bound to, read from its URLs (<c>--urls</c>, <c>ASPNETCORE_URLS</c> or the
/// default): whether any of them is reachable from another machine, and the host names a request
/// may carry. A DNS-rebinding page sends its own name, which is none of these.
/// </summary>
internal sealed class BoundAddresses
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    private BoundAddresses(IReadOnlyList<Uri> urls, IEnumerable<string> machineNames)
    {
        Urls = urls;
        AnyWildcard = urls.Any(u => IsWildcard(u.Host));
        BeyondLoopback = urls.Any(u => !IsLoopback(u.Host));
        var hosts = new HashSet<string>(LoopbackNames, StringComparer.OrdinalIgnoreCase);
        foreach (var url in urls.Where(u => !IsWildcard(u.Host)))
        {
            hosts.Add(url.Host);
        }

        if (AnyWildcard)
        {
            // Bound to every interface: the machine may be reached by its name or any of its addresses.
            hosts.UnionWith(machineNames);
        }

        Hosts = hosts;
    }

    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>Host names a request may carry: loopback names, the bound ones, and the machine's own when bound to every interface.</summary>
    public IReadOnlySet<string> Hosts { get; }

    /// <summary>Bound to every interface (0.0.0.0, [::], *, +).</summary>
    public bool AnyWildcard { get; }

    /// <summary>Some URL is reachable from another machine.</summary>
    public bool BeyondLoopback { get; }

    /// <summary>The URLs as configured, ";"-separated as ASP.NET Core reads them; <paramref name="fallback"/> when none.</summary>
    public static BoundAddresses From(string? urls, string fallback) => From(urls, fallback, MachineNames());

    internal static BoundAddresses From(string? urls, string fallback, IEnumerable<string> machineNames)
    {
        var text = string.IsNullOrWhiteSpace(urls) ? fallback : urls;
        var parsed = new List<Uri>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryParseUrl(part, out var uri))
            {
                parsed.Add(uri);
            }
        }

        return new BoundAddresses(parsed, machineNames);
    }

    /// <summary>A listening URL as ASP.NET Core writes it; "*" and "+" are not URI hosts, so they are read as the wildcard they mean.</summary>
    public static bool TryParseUrl(string url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out uri);

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>How a host is written in a URL or a Host header: IPv6 in brackets (<c>[::1]</c>, not <c>::1</c>).</summary>
    public static string HostText(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    /// <summary>Every interface: 0.0.0.0 or [::].</summary>
    public static bool IsWildcard(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));

    private static IEnumerable<string> MachineNames()
    {
        var names = new List<string> { Environment.MachineName };
        try
        {
            foreach (var network in NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up))
            {
                foreach (var unicast in network.GetIPProperties().UnicastAddresses)
                {
                    // A link-local address carries a zone (%eth0) no Host header names: skip it.
                    if (!unicast.Address.IsIPv6LinkLocal)
                    {
                        names.Add(HostText(unicast.Address));
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Interfaces cannot be listed (a locked-down container): the name and the configured hosts remain.
        }

        return names;
    }
}
