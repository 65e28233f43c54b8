using System.Net;
using System.Text.Json;
using Dashboard.Server.Loop;
using Dashboard.Server.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Health;

/// <summary>/health, /health/live and /health/ready over the loops, the loop server and the store.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task AllThreePaths_WhileEverythingRuns_AreHealthy_AndNameTheirChecks()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var all = await Read(client, "/health");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal("healthy", all.Json.GetProperty("status").GetString());
        Assert.Equal("running", all.Json.GetProperty("loop").GetString());
        Assert.Equal(["broker", "loop", "loop-responsive", "loop-server", "store"], Checks(all.Json));

        var live = await Read(client, "/health/live");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(["loop"], Checks(live.Json));

        var ready = await Read(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal(["broker", "loop", "loop-responsive", "loop-server", "store"], Checks(ready.Json));
        Assert.Contains("listening on 127.0.0.1:", ready.Json.GetProperty("checks").GetProperty("loop-server").GetProperty("description").GetString());
    }

    [Fact]
    public async Task StalledLoop_TurnsReadyTo503_StaysLive_AndRecoversWhenTheStepEnds()
    {
        await using var factory = new DashboardFactory().With("Health:LoopProbeTimeout", "00:00:00.300");
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await Read(client, "/health/ready")).Status);
        var loop = factory.Services.GetRequiredService<EventLoopHost>().Loops[0];

        // A step that holds the loop well past the bound (a blocker).
        using var released = new ManualResetEventSlim();
        loop.CallSoon(_ => released.Wait(TimeSpan.FromSeconds(20)), null);
        try
        {
            var stalled = await Read(client, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stalled.Status);
            Assert.Equal("unhealthy", stalled.Json.GetProperty("status").GetString());
            var check = stalled.Json.GetProperty("checks").GetProperty("loop-responsive");
            Assert.Equal("unhealthy", check.GetProperty("status").GetString());
            Assert.Contains("has not run a probe", check.GetProperty("description").GetString());

            // A second check while the stall lasts reports it again, and queues no second probe.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Read(client, "/health/ready")).Status);
            Assert.Equal(HttpStatusCode.OK, (await Read(client, "/health/live")).Status);
        }
        finally
        {
            released.Set();
        }

        await Waits.UntilAsync(async () => (await Read(client, "/health/ready")).Status == HttpStatusCode.OK ? "ready" : null, "ready to answer 200 once the step ended");
    }

    [Fact]
    public async Task StoreHeldByAnotherWriter_IsNotReady_NamingTheFile_AndRecovers()
    {
        await using var factory = new DashboardFactory().With("Health:StoreTimeout", "00:00:00.100");
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await Read(client, "/health/ready")).Status);
        var path = factory.Services.GetRequiredService<RunStore>().DatabasePath;

        await using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            var locked = await Read(client, "/health/ready");
            Assert.True(locked.Status == HttpStatusCode.ServiceUnavailable, locked.Json.ToString());
            var store = locked.Json.GetProperty("checks").GetProperty("store");
            Assert.Equal("unhealthy", store.GetProperty("status").GetString());
            Assert.Contains(path, store.GetProperty("description").GetString());
            Assert.Equal(HttpStatusCode.OK, (await Read(client, "/health/live")).Status);

            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await Read(client, "/health/ready")).Status);
    }

    [Fact]
    public async Task DashboardAskingForItsToken_AnswersStatusesToAnyone_AndDescriptionsOnlyWithTheToken()
    {
        const string token = "health-token-0123456789";
        await using var factory = new DashboardFactory().With("Dashboard:RequireToken", "true").With("Dashboard:Token", token);
        using var client = factory.CreateClient();

        var anonymous = await Read(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
        Assert.All(anonymous.Json.GetProperty("checks").EnumerateObject(), check => Assert.False(check.Value.TryGetProperty("description", out _), check.Name));
        Assert.DoesNotContain("runs.db", anonymous.Json.ToString(), StringComparison.Ordinal);

        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var admitted = await Read(client, "/health/ready");
        Assert.Contains("runs.db", admitted.Json.GetProperty("checks").GetProperty("store").GetProperty("description").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> Read(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, json);
    }

    private static string[] Checks(JsonElement json) =>
        [.. json.GetProperty("checks").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
