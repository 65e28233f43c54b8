using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Server.Tests;

/// <summary>The host in-memory (TestServer), with extra configuration per test.</summary>
public sealed class DashboardFactory : WebApplicationFactory<DashboardMarker>
{
    private readonly Dictionary<string, string?> _settings = new();

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
