using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The real host on a real socket (Kestrel on a free 127.0.0.1 port), so a browser can reach it.
/// WebApplicationFactory rather than DashboardApplication.Build directly: it names the
/// application Dashboard.Server, which is how the host finds its static web assets manifests.
/// </summary>
public sealed class DashboardHostFactory : WebApplicationFactory<Server.DashboardMarker>
{
    // Its own run store, so the browser tests neither read nor leave history anywhere else.
    private readonly string _dataDirectory;
    private readonly bool _ownsDataDirectory;
    private readonly Dictionary<string, string?> _settings = [];

    /// <summary>A host with its own empty run store, deleted with the factory.</summary>
    public DashboardHostFactory()
        : this(Path.Combine(Path.GetTempPath(), "dashboard-browser-" + Guid.NewGuid().ToString("N")), owns: true)
    {
    }

    /// <summary>
    /// A host on a run store the test owns: a second one on the same folder is a restart, and on
    /// the same <paramref name="port"/> (0: a free one) a browser that had the first one open finds it again.
    /// </summary>
    public DashboardHostFactory(string dataDirectory, int port = 0)
        : this(dataDirectory, owns: false, port)
    {
    }

    private DashboardHostFactory(string dataDirectory, bool owns, int port = 0)
    {
        _dataDirectory = dataDirectory;
        _ownsDataDirectory = owns;
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    /// <summary>One more setting for the host (before it starts).</summary>
    public DashboardHostFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDataDirectory && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>Starts the server and answers its address, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("the server exposes no addresses");
        var address = addresses.Addresses.Single();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Never the default 127.0.0.1:5000: a developer's dashboard may be running there.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // The embedded loop server too: port 0, never a running dashboard's 5080.
        builder.UseSetting("LoopServer:Port", "0");
        builder.UseSetting("EventLoop:FigureInterval", "00:00:00.250");
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
