using System.Net.Http.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests.Loop;

/// <summary>A run whose workload computes in the process pool keeps what the pool did, and its report says it.</summary>
public sealed class ProcessPoolRunTests
{
    private const string ProcessRun = """
        { "name": "process-pool-run", "target": { "workload": "process-offloaded" },
          "phases": [ { "inject": { "rate": 20, "during": "1s" } } ], "connections": 4 }
        """;

    [Fact]
    public async Task RunWithProcessSteps_KeepsThePoolsJobsHopAndMemory_InItsRecordAfterARestart_AndItsReport()
    {
        var data = Path.Combine(Path.GetTempPath(), "dashboard-process-pool-" + Guid.NewGuid().ToString("N"));
        try
        {
            string id;
            await using (var first = new DashboardFactory(data))
            {
                using var client = first.CreateClient();
                id = await ApiRuns.StartAsync(client, ProcessRun);
                var ended = await ApiRuns.WaitUntilEndedAsync(client, id);

                Assert.Equal(RunStatus.Completed, ended.Status);
                var pool = ended.ProcessPool!;
                Assert.InRange(pool.Jobs, 10, 30);
                Assert.Equal(pool.Jobs, ended.Key.Requests);
                Assert.Equal(0, pool.Failed);
                Assert.InRange(pool.ComputeMeanMs, 9.5, 200);
                Assert.True(pool.SendMeanMs >= 0 && pool.ReturnMeanMs >= 0 && pool.QueueMeanMs >= 0);
                Assert.True(pool.Workers >= 1 && pool.WorkersMemoryBytes > 0 && pool.HostMemoryBytes > pool.WorkersMemoryBytes / pool.Workers);
                Assert.True(ended.HostMemoryBytes > 0);
            }

            await using var second = new DashboardFactory(data);
            using var reader = second.CreateClient();
            var stored = (await reader.GetFromJsonAsync<Detail>($"/api/runs/{id}"))!.Run;
            Assert.NotNull(stored.ProcessPool);
            var html = await reader.GetStringAsync($"/api/runs/{id}/report.html");
            Assert.Contains("<section id=\"process-pool\">", html);
            Assert.Contains("Computing in the worker", html);
            Assert.Contains("worker process(es), a runtime apiece", html);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public async Task RunWithoutProcessSteps_HasNoPoolFigures_AndNoPoolSection()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var id = await ApiRuns.StartAsync(client, ApiRuns.Scenario("no-pool", "500ms", 20));

        var ended = await ApiRuns.WaitUntilEndedAsync(client, id);

        Assert.Null(ended.ProcessPool);
        Assert.DoesNotContain("id=\"process-pool\"", await client.GetStringAsync($"/api/runs/{id}/report.html"));
    }

    private sealed record Detail(RunInfo Run);
}
