using System.Net.Http.Json;
using Dashboard.Contracts.Loop;
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
        foreach (var name in new[] { "hello", "io-bound", "cpu-bound", "offloaded", "sequential", "gathered", "fire-and-forget", "pooled-backend", "json-heavy", "mixed", "blocker", "process-offloaded" })
        {
            Assert.Contains($"\"{name}\"", catalog);
        }

        var answer = await client.GetStringAsync("/w/io-bound");
        Assert.Contains("io-bound", answer);
    }

    [Fact]
    public async Task ProcessPool_WarmedUpWithTheHost_ServesProcessStepsThroughTheLoopServer_AndStopsWithIt()
    {
        int[] workers;
        await using (var factory = new DashboardFactory().With("LoopServer:ProcessPool:WarmUp", "true").With("LoopServer:ProcessPool:Size", "2"))
        {
            using var api = factory.CreateClient();
            // Warmed up: both workers ran before the loop server took its first request.
            var before = (await api.GetFromJsonAsync<LoopStatus>("/api/loop"))!.ProcessPool!;
            Assert.Equal(2, before.Alive);
            Assert.True(before.WarmUp);
            Assert.True(before.WorkersMemoryBytes > 0 && before.HostMemoryBytes > 0 && before.ThreadPoolThreads > 0);
            // This host's own workers: tests running beside it may have pools of their own.
            workers = [.. factory.Services.GetRequiredService<ProcessPoolHost>().WorkerPids];
            Assert.Equal(2, workers.Length);
            Assert.All(workers, pid => Assert.Contains(pid, WorkerProcessesOf(Environment.ProcessId)));
            using var client = new HttpClient { BaseAddress = factory.Services.GetRequiredService<LoopServerHost>().BaseAddress };

            var answer = await client.GetStringAsync("/w/process-offloaded");

            Assert.Contains("\"processMs\":10", answer);
            var after = (await api.GetFromJsonAsync<LoopStatus>("/api/loop"))!.ProcessPool!;
            Assert.Equal(1, after.Completed);
            Assert.InRange(after.Compute.MeanMs, 9.5, 1_000);
        }

        // Stopped with the host: no worker process outlives it (a killed process takes a moment to be reaped on a busy machine).
        await Waits.Until(() => workers.All(HasExited), "every worker process to exit with the host", TimeSpan.FromSeconds(10));
        Assert.All(workers, pid => Assert.True(HasExited(pid), $"worker process {pid} outlived the host"));
    }

    [Fact]
    public async Task ProcessPool_WorkerProgramMissing_TheHostStillServes_AndAProcessStepAnswers503WithTheReason()
    {
        await using var factory = new DashboardFactory()
            .With("LoopServer:ProcessPool:WarmUp", "true")
            .With("LoopServer:ProcessPool:WorkerPath", Path.Combine(Path.GetTempPath(), "missing-worker", "Dashboard.Worker.dll"));
        _ = factory.CreateClient();
        using var client = new HttpClient { BaseAddress = factory.Services.GetRequiredService<LoopServerHost>().BaseAddress };

        Assert.Contains("hello", await client.GetStringAsync("/w/hello"));
        using var answer = await client.GetAsync("/w/process-offloaded");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.Contains("process pool has no worker", text);
        Assert.Contains("missing-worker", text);
        var status = (await factory.CreateClient().GetFromJsonAsync<LoopStatus>("/api/loop"))!.ProcessPool!;
        Assert.Equal(0, status.Alive);
        Assert.Contains("missing-worker", status.StartFailure);
    }

    [Fact]
    public void InvalidProcessPoolOption_StopsStartupNamingTheField()
    {
        using var factory = new DashboardFactory().With("LoopServer:ProcessPool:Size", "0");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("LoopServer:ProcessPool:Size", error.ToString());
    }

    /// <summary>The pool workers whose parent is <paramref name="pid"/> (Linux: /proc).</summary>
    private static IEnumerable<int> WorkerProcessesOf(int pid) =>
        Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(int.Parse!)
            .Where(child => ParentOf(child) == pid && CommandLineOf(child).Contains("Dashboard.Worker.dll", StringComparison.Ordinal));

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    [Fact]
    public void InvalidLoopServerOption_StopsStartupNamingTheField()
    {
        using var factory = new DashboardFactory().With("LoopServer:Port", "70000");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("LoopServer:Port", error.ToString());
    }
}
