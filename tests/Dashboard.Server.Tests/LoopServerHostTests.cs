using Dashboard.Server.Loop;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests;

public sealed class LoopServerHostTests
{
    [Fact]
    public async Task HostStartsTheLoopServer_WhichAnswersOverRealSockets()
    {
        await using var factory = new DashboardFactory();
        _ = factory.CreateClient(); // starts the host
        var loopServer = factory.Services.GetRequiredService<LoopServerHost>();
        using var client = new HttpClient { BaseAddress = loopServer.BaseAddress };

        Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
        Assert.Contains("healthy", await client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task WorkloadCatalog_IsListedAndItsWorkloadsRunOnTheLoopServer()
    {
        await using var factory = new DashboardFactory();
        using var api = factory.CreateClient();
        var loopServer = factory.Services.GetRequiredService<LoopServerHost>();
        using var client = new HttpClient { BaseAddress = loopServer.BaseAddress };

        var catalog = await api.GetStringAsync("/api/workloads");
        foreach (var name in new[] { "hello", "io-bound", "cpu-bound", "offloaded", "sequential", "gathered", "fire-and-forget", "pooled-backend", "json-heavy", "mixed", "blocker" })
        {
            Assert.Contains($"\"{name}\"", catalog);
        }

        var answer = await client.GetStringAsync("/w/io-bound");
        Assert.Contains("io-bound", answer);
    }

    [Fact]
    public void InvalidLoopServerOption_StopsStartupNamingTheField()
    {
        using var factory = new DashboardFactory().With("LoopServer:Port", "70000");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("LoopServer:Port", error.ToString());
    }
}
