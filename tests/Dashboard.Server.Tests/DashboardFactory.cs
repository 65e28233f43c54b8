using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Server.Tests;

/// <summary>The host in-memory (TestServer), with extra configuration per test.</summary>
public sealed class DashboardFactory : WebApplicationFactory<DashboardMarker>
{
    // Port 0: tests never collide with each other or with a dashboard running on 5080.
    private readonly Dictionary<string, string?> _settings = new() { ["LoopServer:Port"] = "0" };

    public DashboardFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
