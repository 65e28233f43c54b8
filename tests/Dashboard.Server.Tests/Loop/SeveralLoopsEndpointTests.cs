using System.Net.Http.Json;
using Dashboard.Contracts.Loop;
using Dashboard.Server.Loop;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Loop;

/// <summary>The host started with <c>LoopServer:Loops = 2</c>: both loops serve, and <c>GET /api/loop</c> shows each beside the totals.</summary>
public sealed class SeveralLoopsEndpointTests
{
    [Fact]
    public async Task TwoLoops_ServeTheLoopServersConnections_AndApiLoopListsEachBesideTheTotal()
    {
        await using var factory = new DashboardFactory()
            .With("LoopServer:Loops", "2")
            .With("EventLoop:FigureInterval", "00:00:00.100");
        using var client = factory.CreateClient();
        var loopServer = factory.Services.GetRequiredService<LoopServerHost>().BaseAddress;

        // Two clients, two connections: the acceptor gives the second to the loop without one.
        using var first = new HttpClient { BaseAddress = loopServer };
        using var second = new HttpClient { BaseAddress = loopServer };
        for (var i = 0; i < 5; i++)
        {
            (await first.GetAsync("/")).EnsureSuccessStatusCode();
            (await second.GetAsync("/")).EnsureSuccessStatusCode();
        }

        var status = await Waits.UntilAsync(
            async () => await client.GetFromJsonAsync<LoopStatus>("/api/loop") is { Latest.Loops.Count: 2 } s && s.Loops.All(l => l.Latest is not null) ? s : null,
            "GET /api/loop to show an interval of both loops");

        Assert.True(status!.Running);
        Assert.Equal([0, 1], status.Loops.Select(l => l.Index));
        Assert.Equal(["event-loop-0", "event-loop-1"], status.Loops.Select(l => l.Name));
        Assert.All(status.Loops, l => Assert.Equal(1, l.OpenConnections));
        Assert.All(status.Loops, l => Assert.Equal(5, l.Requests));
        Assert.Equal(status.TasksCreated, status.Loops.Sum(l => l.TasksCreated));
        Assert.Null(status.Latest!.Loop);
        Assert.Equal([0, 1], status.Latest.Loops.Select(l => l.Loop));
        Assert.Equal(status.Latest.Steps, status.Latest.Loops.Sum(l => l.Steps));
        Assert.Equal(2, status.Server!.OpenConnections);

        var kind = Assert.Single(status.Kinds, k => k.Kind == "GET /");
        Assert.Equal(10, kind.Count);
        // The per-kind table split by loop: each loop served its own connection's five.
        Assert.All(status.Loops, l => Assert.Equal(5, Assert.Single(l.Kinds, k => k.Kind == "GET /").Count));

        var live = await client.GetFromJsonAsync<List<LiveTask>>("/api/loop/tasks");
        Assert.Equal([0, 1], live!.Where(t => t.Kind == "server/connection").Select(t => t.Loop).Order());
        Assert.Equal([0, 1], live!.Where(t => t.Kind == "server/accept").Select(t => t.Loop).Order());
        Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode);
    }

    [Fact]
    public void MoreLoopsThanCores_StopsStartupNamingTheField()
    {
        using var factory = new DashboardFactory().With("LoopServer:Loops", (Environment.ProcessorCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("LoopServer:Loops: expected 1..", error.ToString(), StringComparison.Ordinal);
    }
}
