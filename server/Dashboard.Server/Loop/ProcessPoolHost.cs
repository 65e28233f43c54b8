using System.Diagnostics;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.LoopServer.Workloads.Processes;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Loop;

/// <summary>
/// The host's process pool (<c>LoopServer:ProcessPool</c>): started with the host when
/// <see cref="ProcessPoolOptions.WarmUp"/> is on, so no request pays for a process start, and
/// stopped with it, after the loop server has drained (it is registered before the loop server).
/// A pool that cannot start is logged and leaves the host running: only <c>process</c> steps fail,
/// each with the reason.
/// </summary>
internal sealed partial class ProcessPoolHost(IOptions<ProcessPoolOptions> options, ILogger<ProcessPoolHost> logger) : IHostedService, IAsyncDisposable
{
    public ProcessPool Pool { get; } = new(options.Value);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUp)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        await Pool.StartAsync().WaitAsync(cancellationToken);
        var figures = Pool.Figures();
        if (figures.Alive == 0)
        {
            LogNoWorker(logger, figures.StartFailure ?? "unknown");
        }
        else
        {
            LogStarted(logger, figures.Alive, clock.ElapsedMilliseconds, figures.WorkersMemoryBytes / (1024 * 1024));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await Pool.DisposeAsync();

    /// <summary>This pool's worker processes (other hosts in the same process have their own).</summary>
    public IReadOnlyList<int> WorkerPids => Pool.WorkerPids;

    /// <summary>The pool's figures for <c>GET /api/loop</c>, beside the host's thread pool and memory.</summary>
    public ProcessPoolStatus Status()
    {
        var figures = Pool.Figures();
        return new ProcessPoolStatus
        {
            Size = figures.Size,
            WarmUp = options.Value.WarmUp,
            Alive = figures.Alive,
            Busy = figures.Busy,
            Queued = figures.Queued,
            Completed = figures.Completed,
            Failed = figures.Failed,
            Rejected = figures.Rejected,
            Restarts = figures.Restarts,
            Queue = Part(figures.Queue),
            Send = Part(figures.Send),
            Compute = Part(figures.Compute),
            Return = Part(figures.Return),
            WorkersMemoryBytes = figures.WorkersMemoryBytes,
            HostMemoryBytes = Environment.WorkingSet,
            ThreadPoolThreads = ThreadPool.ThreadCount,
            ThreadPoolQueued = ThreadPool.PendingWorkItemCount,
            StartFailure = figures.Alive == 0 ? figures.StartFailure : null,
        };
    }

    /// <summary>The pool's running totals now, for a run to take its own share at its end (<see cref="Since"/>).</summary>
    public ProcessPoolFigures Mark() => Pool.Figures();

    /// <summary>What the pool did since <paramref name="mark"/>; null when it took no job (the run had no <c>process</c> step).</summary>
    public RunProcessPool? Since(ProcessPoolFigures mark)
    {
        var now = Pool.Figures();
        var jobs = now.Completed - mark.Completed;
        var failed = now.Failed - mark.Failed + now.Rejected - mark.Rejected;
        if (jobs == 0 && failed == 0)
        {
            return null;
        }

        double Mean(HopFigures before, HopFigures after) => jobs == 0 ? 0 : Math.Round((after.SumMs - before.SumMs) / jobs, 3);
        return new RunProcessPool
        {
            Jobs = jobs,
            Failed = failed,
            Restarts = now.Restarts - mark.Restarts,
            QueueMeanMs = Mean(mark.Queue, now.Queue),
            SendMeanMs = Mean(mark.Send, now.Send),
            ComputeMeanMs = Mean(mark.Compute, now.Compute),
            ReturnMeanMs = Mean(mark.Return, now.Return),
            Workers = now.Alive,
            WorkersMemoryBytes = now.WorkersMemoryBytes,
            HostMemoryBytes = Environment.WorkingSet,
            ThreadPoolThreads = ThreadPool.ThreadCount,
        };
    }

    private static HopPartStatus Part(HopFigures part) => new(Math.Round(part.MeanMs, 3), Math.Round(part.MaxMs, 3));

    public ValueTask DisposeAsync() => Pool.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Process pool: {Workers} worker processes ready in {Milliseconds} ms, {Megabytes} MB resident in all")]
    private static partial void LogStarted(ILogger logger, int workers, long milliseconds, long megabytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process pool: no worker process started, so \"process\" workload steps will fail: {Reason}")]
    private static partial void LogNoWorker(ILogger logger, string reason);
}
