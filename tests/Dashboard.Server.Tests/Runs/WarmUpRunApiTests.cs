using System.Net.Http.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests.Runs;

/// <summary>A run with a warm-up through the API: marked snapshots, figures without it, stored as it was.</summary>
public sealed class WarmUpRunApiTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "warmup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task WarmUpSnapshots_AreMarkedAndComeFirst_TheRunsFiguresLeaveThemOut_AndTheStoreKeepsTheMark()
    {
        string id;
        List<RunSnapshot> live;
        await using (var dashboard = new DashboardFactory(_data))
        {
            using var client = dashboard.CreateClient();
            id = await ApiRuns.StartAsync(client, """
                {
                  "name": "warm",
                  "target": { "workload": "hello" },
                  "warmUp": "1s",
                  "phases": [ { "inject": { "rate": 40, "during": "1s" } } ],
                  "connections": 4,
                  "thresholds": [ "requests.count < 48" ]
                }
                """);
            var info = await ApiRuns.WaitUntilEndedAsync(client, id);

            Assert.Equal(RunStatus.Completed, info.Status);
            Assert.Equal(1, info.WarmUpSeconds);
            Assert.Equal(2, info.PlannedSeconds);
            Assert.True(info.Passed);
            Assert.InRange(info.Key.Requests, 38, 42);
            live = (await client.GetFromJsonAsync<List<RunSnapshot>>($"/api/runs/{id}/snapshots"))!;
        }

        var warm = live.TakeWhile(s => s.WarmUp).ToArray();
        Assert.Equal(2, warm.Length);
        Assert.Equal(1.0, warm[^1].ElapsedSeconds, 2);
        Assert.All(live.Skip(warm.Length), s => Assert.False(s.WarmUp));
        Assert.All(warm, s => Assert.All(s.Thresholds, t => Assert.Null(t.Passed)));
        // The warm-up's 40 answers came in its own intervals or after it (still in flight at its end,
        // counted in its own figures, never in a measured interval).
        Assert.InRange(warm.Sum(s => s.Load.Requests) + warm[^1].Load.InFlight, 38, 43);
        Assert.InRange(live.Skip(warm.Length).Sum(s => s.Load.Requests), 38, 42);

        await using var restarted = new DashboardFactory(_data);
        using var after = restarted.CreateClient();
        var stored = (await after.GetFromJsonAsync<List<RunSnapshot>>($"/api/runs/{id}/snapshots"))!;
        Assert.Equal(live.Select(s => s.WarmUp), stored.Select(s => s.WarmUp));
        var storedInfo = (await after.GetFromJsonAsync<List<RunInfo>>("/api/runs"))!.Single();
        Assert.Equal(1, storedInfo.WarmUpSeconds);
    }
}
