using System.Collections.Immutable;
using Dashboard.LoopServer.Workloads.Pool;
using Dashboard.LoopServer.Workloads.Processes;
using Dashboard.Worker;

namespace Dashboard.LoopServer.Workloads.Execution;

/// <summary>
/// Runs a parsed workload inside the current loop task (a request): <c>cpu</c> spins on the loop
/// thread, <c>sleep</c> awaits a loop timer, <c>offload</c> spins on the thread pool, <c>json</c>
/// serializes and parses on the loop, <c>gather</c> and <c>spawn</c> start child loop tasks, and
/// <c>pool</c> goes through a shared connection pool to an in-process backend, and <c>process</c>
/// computes in a worker process of the host's <see cref="ProcessPool"/>. One executor per loop; it
/// owns the backend pools, which live until it is disposed (the process pool is the host's).
/// </summary>
/// <remarks>
/// Everything here runs on the loop thread, inside loop tasks, and resumes there after each
/// await through the task's synchronization context; hence no ConfigureAwait(false) anywhere.
/// </remarks>
internal sealed class WorkloadExecutor : IAsyncDisposable
{
    private readonly EventLoop.EventLoop _loop;
    private readonly WorkloadExecutorOptions _options;
    private readonly BackendPoolRegistry _pools;
    private readonly ProcessPool? _processes;
    private long _requests;

    public WorkloadExecutor(EventLoop.EventLoop loop, WorkloadExecutorOptions? options = null, ProcessPool? processes = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        _loop = loop;
        _options = (options ?? new WorkloadExecutorOptions()).Validate();
        _pools = new BackendPoolRegistry(loop, _options);
        _processes = processes;
    }

    /// <summary>The loop it runs workloads on.</summary>
    public EventLoop.EventLoop Loop => _loop;

    /// <summary>An executor like this one (same options, same process pool) for another loop: a private loop's.</summary>
    public WorkloadExecutor For(EventLoop.EventLoop loop) => new(loop, _options, _processes);

    /// <summary>Distinct backend pools made so far.</summary>
    public int PoolCount => _pools.Count;

    /// <summary>
    /// Runs <paramref name="workload"/> in the current loop task, numbering the request itself
    /// (so a workload's draws replay exactly when its requests come in the same order).
    /// </summary>
    public Task<WorkloadRunResult> RunAsync(Workload workload, CancellationToken cancellationToken = default)
    {
        EnsureInLoopTask();
        return RunAsync(workload, ++_requests, cancellationToken);
    }

    /// <summary>Runs <paramref name="workload"/> with the durations of request number <paramref name="requestNumber"/>.</summary>
    public async Task<WorkloadRunResult> RunAsync(Workload workload, long requestNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        EnsureInLoopTask();
        var run = new Run(this, workload, WorkloadRandom.ForRequest(workload.Seed, requestNumber));
        var tally = new RunTally();
        await run.StepsAsync(workload.Steps, tally, cancellationToken);
        return tally.ToResult(workload.Name);
    }

    /// <summary>Closes every pool's connections and stops the backends; their reader tasks end.</summary>
    public ValueTask DisposeAsync() => _pools.DisposeAsync();

    private void EnsureInLoopTask()
    {
        if (!_loop.IsOnLoopThread || EventLoop.EventLoop.CurrentTask is null)
        {
            throw new InvalidOperationException("A workload runs inside a loop task, on the loop thread (spawn a task and run it there).");
        }
    }

    /// <summary>One request's run: the workload, and the random source of the task running it.</summary>
    private sealed class Run(WorkloadExecutor executor, Workload workload, Random random)
    {
        private string GatherKind => workload.Name + "/gather";

        private string SpawnKind => workload.Name + "/spawn";

        private string ReaderKind => workload.Name + "/pool-reader";

        public async Task StepsAsync(ImmutableArray<WorkloadStep> steps, RunTally tally, CancellationToken cancellationToken)
        {
            foreach (var step in steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                tally.Steps++;
                switch (step)
                {
                    case CpuStep cpu:
                        var spin = cpu.Duration.Sample(random);
                        CpuSpin.Run(spin, cancellationToken);
                        tally.Cpu += spin;
                        break;
                    case SleepStep sleep:
                        var nap = sleep.Duration.Sample(random);
                        await executor._loop.Sleep(nap, cancellationToken);
                        tally.Sleep += nap;
                        break;
                    case OffloadStep offload:
                        var work = offload.Duration.Sample(random);
                        await executor._loop.RunInExecutor(() => CpuSpin.Run(work, cancellationToken), cancellationToken);
                        tally.Offload += work;
                        break;
                    case ProcessStep process:
                        var compute = process.Duration.Sample(random);
                        var processes = executor._processes
                            ?? throw new ProcessPoolException("This server has no process pool, so it cannot run a \"process\" step.");
                        await processes.RunAsync(compute, cancellationToken);
                        tally.Process += compute;
                        break;
                    case JsonStep json:
                        tally.JsonBytes += JsonWork.Run(json.Bytes);
                        break;
                    case SequenceStep sequence:
                        await StepsAsync(sequence.Steps, tally, cancellationToken);
                        break;
                    case GatherStep gather:
                        await GatherAsync(gather, tally, cancellationToken);
                        break;
                    case SpawnStep spawn:
                        var child = Child();
                        // Fire and forget: the loop records how the child ends; nothing here awaits it.
                        _ = executor._loop.Spawn("spawn", SpawnKind, token => child.StepsAsync(spawn.Steps, new RunTally(), token));
                        tally.Spawned++;
                        break;
                    case PoolStep pool:
                        var backend = pool.Backend.Sample(random);
                        await executor._pools.Get(pool).RequestAsync(backend, ReaderKind, cancellationToken);
                        tally.Pool += backend;
                        break;
                    default:
                        throw new InvalidOperationException($"Unhandled step type {step.GetType().Name}.");
                }
            }
        }

        private async Task GatherAsync(GatherStep gather, RunTally tally, CancellationToken cancellationToken)
        {
            var children = new List<EventLoop.LoopTask<RunTally>>(gather.Branches.Length);
            try
            {
                for (int i = 0; i < gather.Branches.Length; i++)
                {
                    var branch = gather.Branches[i];
                    var run = Child();
                    children.Add(executor._loop.Spawn($"gather[{i}]", GatherKind, async token =>
                    {
                        var branchTally = new RunTally();
                        await run.StepsAsync(branch, branchTally, token);
                        return branchTally;
                    }));
                }
            }
            catch
            {
                // The loop refused a child (too many live tasks): do not leave its siblings running alone.
                foreach (var started in children)
                {
                    started.Cancel();
                }

                throw;
            }

            // Like asyncio.gather: wait for every branch; the first failure is rethrown. Not
            // Task.WhenAll, which resumes this task through the thread pool (see LoopTasks).
            var branchTallies = await EventLoop.LoopTasks.GatherAsync(children);
            foreach (var branchTally in branchTallies)
            {
                tally.Add(branchTally);
            }

            tally.Gathered += children.Count;
        }

        /// <summary>A child task's run: its random source is drawn now, in program order.</summary>
        private Run Child() => new(executor, workload, WorkloadRandom.ForChild(random));
    }
}
