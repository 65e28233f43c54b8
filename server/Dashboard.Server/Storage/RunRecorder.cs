using System.Threading.Channels;
using Dashboard.Contracts.Runs;
using Dashboard.Load.Statistics;
using Dashboard.Server.History;
using Dashboard.Server.Runs;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Storage;

/// <summary>
/// Writes run history off the engine's reporting thread and off the request path: event handlers
/// only queue (never block), and one writer task drains the queues in batches, one transaction
/// per batch.
/// </summary>
/// <remarks>
/// Two queues. Run starts and ends go to one that never drops: it holds at most a start and an
/// end per run, and runs are started by people (and capped by Runs:MaxConcurrentRuns), so it
/// cannot outgrow the run list itself. Interval snapshots go to a bounded queue
/// (Storage:QueueCapacity): when the disk falls that far behind, the oldest queued snapshot is
/// dropped, counted (<see cref="DroppedSnapshots"/>) and logged, and the run itself never waits.
/// The writer takes the run's row from the live run (<see cref="ILiveRunHeaders"/>) each time it
/// writes, so a running run's key figures stay current and an end is written complete. At a
/// run's end the writer also stores the task stories its pages link to
/// (<see cref="ILiveRunStories"/>, Storage:MaxStoredStories), built from the run's ring on this
/// thread, never on the run's.
/// </remarks>
internal sealed partial class RunRecorder : IHostedService, IAsyncDisposable
{
    private readonly Channel<RunInfo> _lifecycle = Channel.CreateUnbounded<RunInfo>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<RunSnapshot> _snapshots;
    private readonly Channel<LatencyRow> _latency;
    private readonly RunStore _store;
    private readonly IRunEvents _events;
    private readonly ILiveRunHeaders _live;
    private readonly ILiveRunStories _stories;
    private readonly StorageOptions _options;
    private readonly ILogger<RunRecorder> _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _open = new(StringComparer.Ordinal); // started, end not seen: at most Runs:MaxConcurrentRuns
    private Task? _writer;
    private long _queued;
    private long _done;
    private long _dropped;
    private long _droppedReported;

    public RunRecorder(RunStore store, IRunEvents events, ILiveRunHeaders live, ILiveRunStories stories, IOptions<StorageOptions> options, ILogger<RunRecorder> logger)
    {
        _store = store;
        _events = events;
        _live = live;
        _stories = stories;
        _options = options.Value;
        _logger = logger;
        _snapshots = Channel.CreateBounded<RunSnapshot>(
            new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                Interlocked.Increment(ref _done);
            });
        _latency = Channel.CreateBounded<LatencyRow>(
            new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                Interlocked.Increment(ref _done);
            });
    }

    /// <summary>Snapshot writes dropped because the queue was full.</summary>
    public long DroppedSnapshots => Interlocked.Read(ref _dropped);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Opening migrates and marks crashed runs aborted: before any new run can be recorded.
        _store.Open();
        _events.RunChanged += OnRunChanged;
        _events.SnapshotPublished += OnSnapshot;
        _events.IntervalMeasured += OnIntervalMeasured;
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops listening, then writes what is queued (as long as the host lets it).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _events.RunChanged -= OnRunChanged;
        _events.SnapshotPublished -= OnSnapshot;
        _events.IntervalMeasured -= OnIntervalMeasured;
        // A run whose end event had not arrived yet (or that is still going) gets its row
        // refreshed from the live run one last time; one still going stays Running and is marked
        // aborted at the next start, which is what happened to it.
        string[] open;
        lock (_gate)
        {
            open = _open.ToArray();
            _open.Clear();
        }

        foreach (var id in open)
        {
            if (_live.Find(id) is { } header)
            {
                Enqueue(header.Info);
            }
        }

        _lifecycle.Writer.TryComplete();
        _snapshots.Writer.TryComplete();
        _latency.Writer.TryComplete();
        if (_writer is { } writer)
        {
            await writer.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Waits until everything queued before the call is written (or dropped); false on timeout.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout)
    {
        var target = Interlocked.Read(ref _queued);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Interlocked.Read(ref _done) < target)
        {
            if (waited.Elapsed >= timeout || _writer is null or { IsCompleted: true })
            {
                return Interlocked.Read(ref _done) >= target;
            }

            await Task.Delay(10);
        }

        return true;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    internal void OnRunChanged(RunInfo info)
    {
        lock (_gate)
        {
            if (info.Status == RunStatus.Running)
            {
                _open.Add(info.Id);
            }
            else
            {
                _open.Remove(info.Id);
            }
        }

        Enqueue(info);
    }

    private void Enqueue(RunInfo info)
    {
        Interlocked.Increment(ref _queued);
        if (!_lifecycle.Writer.TryWrite(info))
        {
            Interlocked.Increment(ref _done); // stopped: the host is going down
        }
    }

    internal void OnSnapshot(RunSnapshot snapshot)
    {
        Interlocked.Increment(ref _queued);
        if (!_snapshots.Writer.TryWrite(snapshot))
        {
            Interlocked.Increment(ref _done);
        }
    }

    /// <summary>A measured interval's latency histograms, encoded here so the interval itself is not held.</summary>
    internal void OnIntervalMeasured(ManagedRun run, IntervalStatistics interval)
    {
        if (interval.WarmUp || interval.Histograms is not { } histograms)
        {
            return;
        }

        Interlocked.Increment(ref _queued);
        var row = new LatencyRow(run.Id, interval.Index, interval.StartSeconds, interval.DurationSeconds,
            LatencyIntervalCodec.Encode(histograms.Corrected), LatencyIntervalCodec.Encode(histograms.Raw));
        if (!_latency.Writer.TryWrite(row))
        {
            Interlocked.Increment(ref _done);
        }
    }

    private async Task WriteLoopAsync()
    {
        var lifecycle = new List<RunInfo>();
        var snapshots = new List<RunSnapshot>(_options.BatchSize);
        var latency = new List<LatencyRow>(_options.BatchSize);
        while (true)
        {
            lifecycle.Clear();
            snapshots.Clear();
            latency.Clear();
            // Starts first: a run's row must exist before its snapshots can reference it.
            while (_lifecycle.Reader.TryRead(out var info))
            {
                lifecycle.Add(info);
            }

            while (snapshots.Count < _options.BatchSize && _snapshots.Reader.TryRead(out var snapshot))
            {
                snapshots.Add(snapshot);
            }

            while (latency.Count < _options.BatchSize && _latency.Reader.TryRead(out var row))
            {
                latency.Add(row);
            }

            if (lifecycle.Count == 0 && snapshots.Count == 0 && latency.Count == 0)
            {
                var lifecycleReady = _lifecycle.Reader.WaitToReadAsync().AsTask();
                var snapshotsReady = _snapshots.Reader.WaitToReadAsync().AsTask();
                var latencyReady = _latency.Reader.WaitToReadAsync().AsTask();
                await Task.WhenAny(lifecycleReady, snapshotsReady, latencyReady);
                if (_lifecycle.Reader.Completion.IsCompleted && _snapshots.Reader.Completion.IsCompleted && _latency.Reader.Completion.IsCompleted)
                {
                    return;
                }

                continue;
            }

            Write(lifecycle, snapshots, latency);
            Interlocked.Add(ref _done, lifecycle.Count + snapshots.Count + latency.Count);
            ReportDrops();
        }
    }

    private void Write(List<RunInfo> lifecycle, List<RunSnapshot> snapshots, List<LatencyRow> latency)
    {
        try
        {
            var ended = false;
            // Built before the transaction opens (it reads the run's ring, not the file), while
            // the ended run is still in memory: its stories cannot be built after a restart.
            var stories = lifecycle
                .Where(i => i.Status != RunStatus.Running)
                .Select(i => (i.Id, Stories: StoriesOf(i.Id)))
                .Where(s => s.Stories.Count > 0)
                .ToArray();
            using var batch = _store.BeginBatch();
            foreach (var info in lifecycle)
            {
                if (HeaderOf(info.Id) is { } header)
                {
                    batch.Upsert(header);
                }
                else
                {
                    LogUnknownRun(_logger, info.Id);
                }

                ended |= info.Status != RunStatus.Running;
            }

            foreach (var (runId, runStories) in stories)
            {
                batch.ReplaceStories(runId, runStories);
            }

            // A running run's row carries its key figures so far: refreshed once per batch.
            foreach (var runId in snapshots.Select(s => s.RunId).Distinct(StringComparer.Ordinal))
            {
                if (HeaderOf(runId) is { } header)
                {
                    batch.Upsert(header);
                }
            }

            foreach (var snapshot in snapshots)
            {
                batch.Append(snapshot);
            }

            foreach (var row in latency)
            {
                batch.AppendLatency(row.RunId, row.Sequence, row.StartSeconds, row.DurationSeconds, row.Corrected, row.Raw, _options.MaxLatencyIntervalsPerRun);
            }

            batch.Commit();
            if (ended)
            {
                _store.ApplyRetention();
            }
        }
        catch (Exception ex)
        {
            // A full disk or a locked file must not end the writer: the next batch tries again.
            LogWriteFailed(_logger, lifecycle.Count + snapshots.Count + latency.Count, ex.Message);
        }
    }

    private RunHeader? HeaderOf(string runId) => _live.Find(runId);

    /// <summary>A run's stories to store; none (logged) if building them fails: its end row must still be written.</summary>
    private IReadOnlyList<TaskStory> StoriesOf(string runId)
    {
        try
        {
            return _stories.StoriesToStore(runId, _options.MaxStoredStories);
        }
        catch (Exception ex)
        {
            LogStoriesFailed(_logger, runId, ex.Message);
            return [];
        }
    }

    private void ReportDrops()
    {
        var dropped = Interlocked.Read(ref _dropped);
        if (dropped != _droppedReported)
        {
            LogDropped(_logger, dropped - _droppedReported, dropped, _options.QueueCapacity);
            _droppedReported = dropped;
        }
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "Run store: {Count} snapshot writes dropped ({Total} so far): the writer fell {Capacity} snapshots behind (Storage:QueueCapacity)")]
    private static partial void LogDropped(ILogger logger, long count, long total, int capacity);

    [LoggerMessage(EventId = 611, Level = LogLevel.Error, Message = "Run store: a batch of {Count} writes failed: {Message}")]
    private static partial void LogWriteFailed(ILogger logger, int count, string message);

    [LoggerMessage(EventId = 613, Level = LogLevel.Warning, Message = "Run store: the task stories of run {RunId} could not be built and are not stored: {Message}")]
    private static partial void LogStoriesFailed(ILogger logger, string runId, string message);

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning, Message = "Run store: run {RunId} changed but is no longer in memory; its row was not updated")]
    private static partial void LogUnknownRun(ILogger logger, string runId);

    private sealed record LatencyRow(string RunId, long Sequence, double StartSeconds, double DurationSeconds, byte[] Corrected, byte[] Raw);
}
