using System.Net.Http.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Runs;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests.Runs;

/// <summary>Stopping the host with a run in progress: the run is interrupted, not completed, and keeps what was still alive.</summary>
/// <remarks>Alone, after the parallel tests: it times a grace period and the age of what outlived it.</remarks>
[Collection(Sweeps.TimingCollection.Name)]
public sealed class GracefulShutdownTests
{
    // Each request leaves a child asleep for 9 s and itself sleeps 8 s: both outlive a 1 s grace period.
    // The host is stopped twice (the factory stops it, then disposes it): the second must not report again.
    private const string Lingering = """
        { "name": "lingering", "target": { "inline": { "name": "lingering", "steps": [ { "spawn": [ { "sleep": "9s" } ] }, { "sleep": "8s" } ] } },
          "phases": [ { "inject": { "rate": 5, "during": "60s" } } ], "connections": 20, "requestTimeout": "20s" }
        """;

    [Fact]
    public async Task HostStoppedWithARunGoing_MarksItInterrupted_AndKeepsTheTasksStillAliveAtTheDeadline()
    {
        var data = Path.Combine(Path.GetTempPath(), "dashboard-shutdown-" + Guid.NewGuid().ToString("N"));
        try
        {
            string id;
            await using (var first = new DashboardFactory(data).With("LoopServer:ShutdownGracePeriod", "00:00:01"))
            {
                using var client = first.CreateClient();
                id = await ApiRuns.StartAsync(client, Lingering);
                await Waits.UntilAsync(
                    async () => (await client.GetFromJsonAsync<RunDetailsDocument>($"/api/runs/{id}"))!.Run is { ElapsedSeconds: > 1.5 } going ? going : null,
                    "the run to be going for 1.5 s");
            }

            await using var second = new DashboardFactory(data);
            using var reader = second.CreateClient();
            var stored = (await reader.GetFromJsonAsync<RunDetailsDocument>($"/api/runs/{id}"))!.Run;

            Assert.Equal(RunStatus.Interrupted, stored.Status);
            Assert.Equal(GracefulShutdown.Reason, stored.Message);
            var shutdown = stored.Shutdown!;
            Assert.Equal(1, shutdown.GraceSeconds);
            Assert.True(shutdown.RequestsInFlightAtStart > 0, "requests were in flight when the host was asked to stop");
            Assert.True(shutdown.TasksAlive > 0);
            Assert.Contains(shutdown.Tasks, t => t.Kind == "lingering/spawn");
            Assert.Contains(shutdown.Tasks, t => t.Kind == "inline");
            Assert.DoesNotContain(shutdown.Tasks, t => t.Kind.StartsWith("server/", StringComparison.Ordinal));
            // Alive since before the shutdown began: they outlived the grace period.
            Assert.All(shutdown.Tasks, t => Assert.True(t.AgeMs >= 1_000, $"{t.Name} #{t.Id} was {t.AgeMs} ms old"));

            var html = await reader.GetStringAsync($"/api/runs/{id}/report.html");
            Assert.Contains("Cut off by the host's shutdown", html, StringComparison.Ordinal);
            Assert.Contains("lingering/spawn", html, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private sealed record RunDetailsDocument(RunInfo Run);
}
