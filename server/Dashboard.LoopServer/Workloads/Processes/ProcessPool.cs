using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Dashboard.LoopServer.Workloads.Processes;

/// <summary>
/// The pool of worker processes behind <c>process</c> steps, shared by every loop: a job goes to an
/// idle worker at once or waits in a bounded queue; each worker's reader takes its answer and hands
/// it the next queued job. A worker that dies fails only its own job and is replaced. Submitting
/// never blocks the loop: a short lock and, when a worker is idle, one 16-byte pipe write.
/// </summary>
internal sealed class ProcessPool : IAsyncDisposable
{
    private readonly ProcessPoolOptions _options;
    private readonly string _muxer;
    private readonly string _workerPath;
    private readonly Lock _gate = new();
    private readonly Queue<PendingJob> _queue = new();
    private readonly Stack<PoolWorker> _idle = new();
    private readonly List<PoolWorker> _workers = [];
    private readonly List<Task> _readers = [];
    private Task? _started;
    private bool _stopped;
    private string? _startFailure;
    private long _nextJobId;
    private int _nextWorkerId;
    private ProcessPoolTally _tally;

    public ProcessPool(ProcessPoolOptions options)
    {
        _options = options.Validate();
        _workerPath = string.IsNullOrEmpty(options.WorkerPath) ? Path.Combine(AppContext.BaseDirectory, "Dashboard.Worker.dll") : Path.GetFullPath(options.WorkerPath);
        _muxer = Muxer();
    }

    public ProcessPoolOptions Options => _options;

    /// <summary>Starts the workers (once) and completes when each has said hello or failed to.</summary>
    public Task StartAsync()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return Task.CompletedTask;
            }

            // Off the caller's thread: a lazy start comes from a step on the loop thread, and starting
            // a process (fork and exec) must not hold the loop.
            return _started ??= Task.Run(StartWorkersAsync);
        }
    }

    /// <summary>
    /// Computes for <paramref name="compute"/> in a worker process and answers where the time went.
    /// Throws <see cref="ProcessPoolException"/> at once when the queue is full or the pool stopped.
    /// </summary>
    public Task<ProcessHop> RunAsync(TimeSpan compute, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _started) is null)
        {
            _ = StartAsync(); // not warmed up: the first step starts the pool, and waits in its queue meanwhile
        }
        PendingJob job;
        PoolWorker? worker;
        lock (_gate)
        {
            if (_stopped)
            {
                throw new ProcessPoolException("The process pool is stopped: the host is shutting down.");
            }

            if (_workers.Count == 0 && _startFailure is { } failure)
            {
                throw new ProcessPoolException($"The process pool has no worker: {failure}");
            }

            job = new PendingJob(++_nextJobId, compute);
            if (!_idle.TryPop(out worker))
            {
                if (_queue.Count >= _options.MaxQueue)
                {
                    _tally.Rejected++;
                    throw new ProcessPoolException(
                        $"The process pool's queue is full: {_queue.Count} jobs already wait for one of {_options.Size} workers ({ProcessPoolOptions.SectionName}:MaxQueue).");
                }

                _queue.Enqueue(job);
            }
            else
            {
                worker.Current = job;
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            job.Cancellation = cancellationToken.Register(static (state, token) => ((PendingJob)state!).Cancel(token), job);
        }

        if (worker is not null)
        {
            Dispatch(worker, job);
        }

        return job.Task;
    }

    /// <summary>The process ids of the workers alive now.</summary>
    public IReadOnlyList<int> WorkerPids
    {
        get
        {
            lock (_gate)
            {
                return [.. _workers.Select(w => w.Pid)];
            }
        }
    }

    /// <summary>The pool's figures now; reads the workers' memory, so not for the loop thread.</summary>
    public ProcessPoolFigures Figures()
    {
        PoolWorker[] workers;
        ProcessPoolTally tally;
        int busy, queued;
        lock (_gate)
        {
            workers = [.. _workers];
            tally = _tally;
            busy = _workers.Count(w => w.Current is not null);
            queued = _queue.Count;
        }

        var memory = workers.Sum(w => w.WorkingSetBytes());
        return tally.ToFigures(_options, workers.Length, busy, queued, memory, _startFailure);
    }

    /// <summary>Stops the pool: queued jobs fail, each worker's input closes (it exits after its job), stragglers are killed.</summary>
    public async ValueTask DisposeAsync()
    {
        PoolWorker[] workers;
        PendingJob[] queued;
        Task[] readers;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            workers = [.. _workers];
            queued = [.. _queue];
            _queue.Clear();
            _idle.Clear();
            readers = [.. _readers];
        }

        var stopped = new ProcessPoolException("The process pool stopped before this job reached a worker: the host is shutting down.");
        foreach (var job in queued)
        {
            job.Fail(stopped);
        }

        await Task.WhenAll(workers.Select(w => w.StopAsync(_options.StopTimeout))).ConfigureAwait(false);
        await Task.WhenAll(readers).ConfigureAwait(false);
    }

    private async Task StartWorkersAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, _options.Size).Select(_ => StartOneAsync())).ConfigureAwait(false);
    }

    private async Task StartOneAsync()
    {
        int id;
        lock (_gate)
        {
            id = ++_nextWorkerId;
        }

        PoolWorker worker;
        try
        {
            worker = await PoolWorker.StartAsync(id, _muxer, _workerPath, _options.StartTimeout).ConfigureAwait(false);
        }
        catch (ProcessPoolException ex)
        {
            FailedToStart(ex.Message);
            return;
        }

        lock (_gate)
        {
            if (_stopped)
            {
                _ = worker.StopAsync(_options.StopTimeout);
                return;
            }

            _workers.Add(worker);
            _startFailure = null;
            _readers.RemoveAll(r => r.IsCompleted);
            _readers.Add(ReadAnswersAsync(worker));
        }

        Release(worker);
    }

    /// <summary>No worker could start: jobs waiting for one would wait forever, so they fail with the reason.</summary>
    private void FailedToStart(string reason)
    {
        PendingJob[] orphans = [];
        lock (_gate)
        {
            _startFailure = reason;
            if (_workers.Count == 0)
            {
                orphans = [.. _queue];
                _queue.Clear();
            }
        }

        var error = new ProcessPoolException($"The process pool has no worker: {reason}");
        foreach (var job in orphans)
        {
            job.Fail(error);
        }
    }

    private void Dispatch(PoolWorker worker, PendingJob job)
    {
        job.DispatchedAt = Stopwatch.GetTimestamp();
        try
        {
            worker.Send(job.Id, job.Compute);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Its reader sees the closed output and replaces it; this job fails here.
            lock (_gate)
            {
                if (ReferenceEquals(worker.Current, job))
                {
                    worker.Current = null;
                }

                _tally.Failed++;
            }

            job.Fail(new ProcessPoolException($"worker process {worker.Pid} could not take the job: {ex.Message}", ex));
        }
    }

    /// <summary>A worker is free: it takes the oldest queued job still wanted, else goes idle.</summary>
    private void Release(PoolWorker worker)
    {
        PendingJob? next = null;
        lock (_gate)
        {
            if (_stopped || !_workers.Contains(worker))
            {
                return;
            }

            while (_queue.TryDequeue(out var queued))
            {
                if (!queued.IsEnded)
                {
                    next = queued;
                    break;
                }
            }

            if (next is null)
            {
                _idle.Push(worker);
                return;
            }

            worker.Current = next;
        }

        Dispatch(worker, next);
    }

    private async Task ReadAnswersAsync(PoolWorker worker)
    {
        while (await worker.ReadReplyAsync().ConfigureAwait(false) is { } reply)
        {
            var returnedAt = Stopwatch.GetTimestamp();
            PendingJob? job;
            lock (_gate)
            {
                job = worker.Current;
                worker.Current = null;
                if (job is not null && job.Id == reply.Id)
                {
                    var hop = new ProcessHop(
                        Span(job.SubmittedAt, job.DispatchedAt),
                        Span(job.DispatchedAt, reply.ReceivedAt),
                        Span(reply.ReceivedAt, reply.FinishedAt),
                        Span(reply.FinishedAt, returnedAt),
                        worker.Id);
                    _tally.Add(hop);
                    job.Answer(hop);
                }
            }

            Release(worker);
        }

        Lost(worker);
    }

    /// <summary>A worker's output closed: it exited. Its job fails; unless the pool is stopping, another starts.</summary>
    private void Lost(PoolWorker worker)
    {
        PendingJob? job;
        bool replace;
        lock (_gate)
        {
            if (!_workers.Remove(worker))
            {
                return;
            }

            var idle = _idle.Where(w => !ReferenceEquals(w, worker)).Reverse().ToArray();
            _idle.Clear();
            foreach (var w in idle)
            {
                _idle.Push(w);
            }

            job = worker.Current;
            worker.Current = null;
            replace = !_stopped;
            if (job is not null)
            {
                _tally.Failed++;
            }

            if (replace)
            {
                _tally.Restarts++;
            }
        }

        job?.Fail(new ProcessPoolException($"worker process {worker.Pid} exited ({worker.ExitDescription()}) while computing; the pool starts another."));
        _ = worker.StopAsync(TimeSpan.Zero);
        if (replace)
        {
            _ = StartOneAsync();
        }
    }

    private static TimeSpan Span(long from, long to) => to > from ? Stopwatch.GetElapsedTime(from, to) : TimeSpan.Zero;

    /// <summary>The <c>dotnet</c> host running this program (a worker runs on the same runtime), else the one on the PATH.</summary>
    private static string Muxer()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } own && Path.GetFileName(own) == name)
        {
            return own;
        }

        // The runtime's folder is <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, name);
        return File.Exists(candidate) ? candidate : name;
    }
}
