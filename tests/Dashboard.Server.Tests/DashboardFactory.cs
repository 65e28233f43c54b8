using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Server.Tests;

/// <summary>The host in-memory (TestServer), with extra configuration per test.</summary>
public sealed class DashboardFactory : WebApplicationFactory<DashboardMarker>
{
    // Port 0: tests never collide with each other or with a dashboard running on 5080. The process
    // pool starts on its first "process" step rather than with each of the hundreds of hosts the
    // tests start (two processes each on this machine); the tests of its warm-up turn it back on.
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["LoopServer:Port"] = "0",
        ["LoopServer:ProcessPool:WarmUp"] = "false",
    };
    private readonly string? _ownedDataDirectory;

    /// <summary>A host with its own empty run store, deleted with the factory.</summary>
    public DashboardFactory()
    {
        _ownedDataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-data-" + Guid.NewGuid().ToString("N"));
        _settings["Storage:DataDirectory"] = _ownedDataDirectory;
    }

    /// <summary>A host on an existing run store (a restart), left in place on dispose.</summary>
    public DashboardFactory(string dataDirectory)
    {
        _settings["Storage:DataDirectory"] = dataDirectory;
    }

    public string DataDirectory => _settings["Storage:DataDirectory"]!;

    public DashboardFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownedDataDirectory is not null && Directory.Exists(_ownedDataDirectory))
        {
            Directory.Delete(_ownedDataDirectory, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
