using System.Diagnostics;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Workloads.Processes;

namespace Dashboard.LoopServer.Tests.Workloads;

/// <summary>The process pool behind <c>process</c> steps: real worker processes, started, used, killed and stopped.</summary>
public sealed class ProcessPoolTests
{
    private static ProcessPool NewPool(int size = 1, int maxQueue = 100, string workerPath = "") =>
        new(new ProcessPoolOptions { Size = size, MaxQueue = maxQueue, WorkerPath = workerPath, StartTimeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task ProcessStep_ComputesInAWorker_WhileTheRequestSleepsOnTheLoop_AndTheHopIsSplitInFour()
    {
        await using var pool = NewPool();
        await pool.StartAsync().Within("the pool to start");
        await using var loop = new WorkloadLoop(processes: pool);
        var workload = WorkloadLoop.Parse("""{"process": "30ms"}""");
        await loop.RunAsync(workload); // the first compiles the path on the loop thread

        var (result, record) = await loop.RunAsync(workload);

        Assert.Equal(TimeSpan.FromMilliseconds(30), result.Process);
        // The compute happened elsewhere: the request was asleep on the loop for it, barely awake.
        // Asleep starts when the step that sent the job ends, a little after the worker began (a
        // CI run once saw 27 ms of the 30), so the floor leaves room for a preempted step.
        Assert.True(LoopClock.ToTimeSpan(record.AsleepTicks) >= TimeSpan.FromMilliseconds(20), $"asleep {LoopClock.ToTimeSpan(record.AsleepTicks)}");
        Assert.True(LoopClock.ToTimeSpan(record.AwakeTicks) < TimeSpan.FromMilliseconds(15), $"awake {LoopClock.ToTimeSpan(record.AwakeTicks)}");

        var figures = pool.Figures();
        Assert.Equal(2, figures.Completed);
        Assert.Equal(0, figures.Failed);
        Assert.InRange(figures.Compute.MeanMs, 29.5, 1_000);
        Assert.True(figures.Queue.MeanMs >= 0 && figures.Send.MeanMs >= 0 && figures.Return.MeanMs >= 0);
        // The four parts happened within the request's life.
        var hop = figures.Queue.MaxMs + figures.Send.MaxMs + figures.Compute.MaxMs + figures.Return.MaxMs;
        Assert.True(hop >= 30 && figures.Compute.MaxMs < LoopClock.ToTimeSpan(record.LifetimeTicks).TotalMilliseconds + 1, $"hop {hop} ms, lifetime {LoopClock.ToTimeSpan(record.LifetimeTicks)}");
    }

    [Fact]
    public async Task Started_EachWorkerIsAProcessWithItsOwnMemory_StoppedTheyAllExit()
    {
        var pool = NewPool(size: 2);
        await pool.StartAsync().Within("the pool to start");
        var figures = pool.Figures();
        Assert.Equal(2, figures.Alive);
        Assert.True(figures.WorkersMemoryBytes > 2 * 1024 * 1024, $"workers' memory {figures.WorkersMemoryBytes} bytes");
        var pids = pool.WorkerPids;
        Assert.Equal(2, pids.Distinct().Count());
        Assert.DoesNotContain(Environment.ProcessId, pids);

        await pool.DisposeAsync().AsTask().Within("the pool to stop");

        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"worker process {pid} still runs"));
        var refused = await Assert.ThrowsAsync<ProcessPoolException>(() => pool.RunAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None));
        Assert.Contains("stopped", refused.Message);
    }

    [Fact]
    public async Task NotWarmedUp_TheFirstJobStartsThePool_AndWaitsInItsQueueMeanwhile()
    {
        await using var pool = NewPool(size: 1);
        Assert.Equal(0, pool.Figures().Alive);

        var hop = await pool.RunAsync(TimeSpan.FromMilliseconds(5), CancellationToken.None).Within("the first job");

        Assert.Equal(1, pool.Figures().Alive);
        // It waited for the worker to start: its queue time is the process start.
        Assert.True(hop.Queue > TimeSpan.FromMilliseconds(5), $"queue {hop.Queue}");
    }

    [Fact]
    public async Task QueueFull_AJobFailsAtOnceNamingTheSetting_TheOthersFinish()
    {
        await using var pool = NewPool(size: 1, maxQueue: 1);
        await pool.StartAsync().Within("the pool to start");
        var computing = pool.RunAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var queued = pool.RunAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None);

        var full = Assert.Throws<ProcessPoolException>(() => { _ = pool.RunAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None); });

        Assert.Contains("LoopServer:ProcessPool:MaxQueue", full.Message);
        await computing.Within("the computing job");
        var second = await queued.Within("the queued job");
        Assert.True(second.Queue >= TimeSpan.FromMilliseconds(200), $"it waited behind the first: queue {second.Queue}");
        Assert.Equal(1, pool.Figures().Rejected);
    }

    [Fact]
    public async Task AWorkerKilledMidJob_FailsThatJobOnly_AndAnotherTakesItsPlace()
    {
        await using var pool = NewPool(size: 1);
        await pool.StartAsync().Within("the pool to start");
        var victim = pool.WorkerPids.Single();
        var doomed = pool.RunAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        await Waits.Until(() => pool.Figures().Busy == 1, "the worker to take the job");

        Process.GetProcessById(victim).Kill();

        var error = await Assert.ThrowsAsync<ProcessPoolException>(() => doomed.Within("the killed worker's job"));
        Assert.Contains($"worker process {victim} exited", error.Message);
        await Waits.Until(() => pool.Figures() is { Alive: 1, Restarts: 1 }, "a replacement worker");
        Assert.DoesNotContain(victim, pool.WorkerPids);
        var after = await pool.RunAsync(TimeSpan.FromMilliseconds(5), CancellationToken.None).Within("a job on the replacement");
        Assert.True(after.Compute >= TimeSpan.FromMilliseconds(4.5));
        Assert.Equal(1, pool.Figures().Failed);
    }

    [Fact]
    public async Task NoWorkerProgram_TheStartFailsWithTheReason_AndEachStepSaysIt()
    {
        await using var pool = NewPool(workerPath: Path.Combine(Path.GetTempPath(), "no-such-folder", "Dashboard.Worker.dll"));
        await pool.StartAsync().Within("the pool's start to fail");

        Assert.Equal(0, pool.Figures().Alive);
        var error = Assert.Throws<ProcessPoolException>(() => { _ = pool.RunAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None); });
        Assert.Contains("has no worker", error.Message);
        Assert.Contains("no-such-folder", error.Message);
    }

    [Fact]
    public async Task Cancelled_AQueuedJobEndsAtOnce_AndTheWorkerSkipsIt()
    {
        await using var pool = NewPool(size: 1);
        await pool.StartAsync().Within("the pool to start");
        var first = pool.RunAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var queued = pool.RunAsync(TimeSpan.FromSeconds(30), cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.Within("the cancelled job"));
        await first.Within("the first job");
        // The worker did not compute the 30 s job: the next one is served at once.
        var next = await pool.RunAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None).Within("the next job", TimeSpan.FromSeconds(10));
        Assert.True(next.Queue < TimeSpan.FromSeconds(5), $"queue {next.Queue}");
    }

    [Fact]
    public async Task WithoutAPool_AProcessStepFailsSayingSo()
    {
        await using var loop = new WorkloadLoop();
        var task = loop.Start(WorkloadLoop.Parse("""{"process": "1ms"}"""));

        var error = await Assert.ThrowsAsync<ProcessPoolException>(() => task.Completion.Within("the request"));
        Assert.Contains("no process pool", error.Message);
    }

    [Fact]
    public void Options_OutOfRange_AreNamedTogether()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProcessPoolOptions { Size = 0, MaxQueue = -1, StartTimeout = TimeSpan.Zero }.Validate());

        Assert.Contains("LoopServer:ProcessPool:Size", error.Message);
        Assert.Contains("LoopServer:ProcessPool:MaxQueue", error.Message);
        Assert.Contains("LoopServer:ProcessPool:StartTimeout", error.Message);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
