using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Server.Security;

/// <summary>
/// Says at start how to get in, as Jupyter and Aspire's dashboard do: when a token is required, a
/// ready login URL per address the dashboard listens on. Bound to every interface, that is
/// <c>localhost</c> (a container's published port) and this machine's name.
/// </summary>
internal sealed partial class LoginAnnouncement(DashboardAccess access, IServer server, IHostApplicationLifetime lifetime, ILogger<LoginAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The login URLs for the addresses the server listens on.</summary>
    internal static IEnumerable<string> LoginUrls(IEnumerable<string> addresses, string token)
    {
        var urls = new List<string>();
        foreach (var address in addresses)
        {
            if (!BoundAddresses.TryParseUrl(address, out var uri))
            {
                continue;
            }

            var hosts = BoundAddresses.IsWildcard(uri.Host) ? new[] { "localhost", Environment.MachineName } : [uri.Host];
            foreach (var host in hosts)
            {
                var login = new UriBuilder(uri) { Host = host, Path = LoginPage.Path, Query = "t=" + Uri.EscapeDataString(token) }.Uri.ToString();
                if (!urls.Contains(login))
                {
                    urls.Add(login);
                }
            }
        }

        return urls;
    }

    private void Announce()
    {
        if (!access.Required)
        {
            return;
        }

        var which = access.Generated ? "a token made for this start; set Dashboard:Token to keep one" : "the configured Dashboard:Token";
        foreach (var login in LoginUrls(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [], access.Token))
        {
            LogLogin(login, which);
        }
    }

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "The dashboard asks for its token ({Which}). Log in at {LoginUrl}")]
    private partial void LogLogin(string loginUrl, string which);
}
