using System.Net;
using System.Net.Http.Json;
using Dashboard.Contracts.Loop;
using Dashboard.Server.Loop;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests;

public sealed class LoopEndpointTests
{
    [Fact]
    public async Task Health_WhileTheLoopRuns_IsHealthy()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LoopFigures_AfterTheLoopServerRefusedAMalformedRequest_CountItByReason()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var loopServer = factory.Services.GetRequiredService<LoopServerHost>().BaseAddress;
        using (var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp))
        {
            await socket.ConnectAsync(loopServer.Host, loopServer.Port);
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes("NOT HTTP AT ALL\r\n\r\n"), System.Net.Sockets.SocketFlags.None);
            var buffer = new byte[1024];
            while (await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None) > 0)
            {
            }
        }

        var status = await client.GetFromJsonAsync<LoopStatus>("/api/loop");

        var refusal = Assert.Single(status!.Server!.Refusals);
        Assert.Equal(400, refusal.Status);
        Assert.Equal(1, refusal.Count);
        Assert.Equal(loopServer.ToString(), status.Server.Address);
    }

    [Fact]
    public async Task LoopFigures_AfterTasksRan_ShowIntervalsAndPerKindBreakdown()
    {
        await using var factory = new DashboardFactory().With("EventLoop:FigureInterval", "00:00:00.100");
        using var client = factory.CreateClient();
        var loop = factory.Services.GetRequiredService<EventLoopHost>().Loops[0];
        var tasks = Enumerable.Range(0, 20)
            .Select(i => loop.Spawn($"probe-{i}", "probe", async _ => await loop.Sleep(TimeSpan.FromMilliseconds(5))))
            .ToList();
        await Task.WhenAll(tasks.Select(t => t.Completion)).Within("the end of every task", TimeSpan.FromSeconds(10));

        var status = await Waits.UntilAsync(
            async () => await client.GetFromJsonAsync<LoopStatus>("/api/loop") is { Latest: not null } s && s.Kinds.Any(k => k.Kind == "probe" && k.Count == 20) ? s : null,
            "GET /api/loop to count the 20 probe tasks");

        Assert.NotNull(status);
        Assert.True(status.Running);
        Assert.NotNull(status.Latest);
        Assert.InRange(status.Latest.Utilization, 0, 1);
        var probe = Assert.Single(status.Kinds, k => k.Kind == "probe");
        Assert.Equal(20, probe.Count);
        Assert.InRange(probe.Asleep.MeanMs, 4, 100);
    }

    [Fact]
    public async Task LiveTasks_ListsASleepingTaskWithItsState()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var loop = factory.Services.GetRequiredService<EventLoopHost>().Loops[0];
        var sleeper = loop.Spawn("long-sleeper", "probe", async _ => await loop.Sleep(TimeSpan.FromSeconds(30)));

        var live = await Waits.UntilAsync(
            async () => await client.GetFromJsonAsync<List<LiveTask>>("/api/loop/tasks") is { } tasks && tasks.Any(t => t.Id == sleeper.Id && t.State == "asleep") ? tasks : null,
            "GET /api/loop/tasks to list the sleeper asleep");

        var task = Assert.Single(live!, t => t.Id == sleeper.Id);
        Assert.Equal("asleep", task.State);
        sleeper.Cancel();
    }

    [Fact]
    public void InvalidLoopOption_StopsStartupNamingTheField()
    {
        using var factory = new DashboardFactory().With("EventLoop:MaxLiveTasks", "1");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("EventLoop:MaxLiveTasks", error.ToString());
    }
}
