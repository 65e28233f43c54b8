using System.Net.Http.Json;
using Dashboard.Contracts.Loop;
using Dashboard.Server.Loop;
using Dashboard.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Loop;

/// <summary>A scenario's <c>loops</c>: the run starts the loops it asks for, spreads its connections over them and records how many.</summary>
public sealed class RunLoopsTests
{
    [Fact]
    public async Task ScenarioAskingForTwoLoops_OnAOneLoopHost_StartsTheSecond_UsesBoth_AndRecordsIt()
    {
        await using var factory = new DashboardFactory().With("EventLoop:FigureInterval", "00:00:00.100");
        using var client = factory.CreateClient();
        var server = factory.Services.GetRequiredService<LoopServerHost>().Server!;
        Assert.Equal(1, server.LoopCount);

        var id = await ApiRuns.StartAsync(client, """
            { "name": "two loops", "target": { "workload": "hello" }, "loops": 2, "connections": 4,
              "phases": [ { "inject": { "rate": 80, "during": "1s" } } ] }
            """);
        var info = await ApiRuns.WaitUntilEndedAsync(client, id);

        Assert.Equal(2, info.Loops);
        Assert.Equal(2, server.LoopCount);
        Assert.All(server.RequestsByLoop, requests => Assert.True(requests > 0, $"requests by loop: {string.Join(", ", server.RequestsByLoop)}"));
        var status = await Waits.UntilAsync(
            async () => await client.GetFromJsonAsync<LoopStatus>("/api/loop") is { Loops.Count: 2 } s && s.Loops.All(l => l.Running) ? s : null,
            "GET /api/loop to list both loops");
        Assert.Equal(["event-loop-0", "event-loop-1"], status!.Loops.Select(l => l.Name));

        // The reports carry each loop: a row per interval and loop, and a waiting line per loop.
        using var zip = new System.IO.Compression.ZipArchive(await client.GetStreamAsync($"/api/runs/{id}/report.csv.zip"));
        using var loops = new StreamReader(zip.GetEntry("loops.csv")!.Open());
        var rows = (await loops.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(["0", "1"], rows.Select(r => r[3]).Distinct().Order());
        var html = await client.GetStringAsync($"/api/runs/{id}/report.html");
        Assert.Contains("Waiting p99 per loop", html, StringComparison.Ordinal);

        // Once no run asks for two, new connections go to the host's one loop again.
        Assert.Equal(1, factory.Services.GetRequiredService<LoopSpread>().Current);
        Assert.Equal(1, server.SpreadOver);
    }

    [Fact]
    public async Task ScenarioWithoutLoops_UsesTheHostsLoops_AndRecordsThem()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var info = await ApiRuns.WaitUntilEndedAsync(client, await ApiRuns.StartAsync(client, ApiRuns.Scenario("one loop", "500ms", 20)));

        Assert.Equal(1, info.Loops);
        Assert.Equal(1, factory.Services.GetRequiredService<LoopServerHost>().Server!.LoopCount);
        using var zip = new System.IO.Compression.ZipArchive(await client.GetStreamAsync($"/api/runs/{info.Id}/report.csv.zip"));
        Assert.Null(zip.GetEntry("loops.csv"));
    }
}
