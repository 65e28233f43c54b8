namespace Dashboard.EventLoop;

/// <summary>
/// Stopping: refuse new tasks, cancel the live ones, give them until a deadline, then report
/// what never ended — above all fire-and-forget tasks nobody awaited (asyncio's "Task was
/// destroyed but it is pending!").
/// </summary>
public sealed partial class EventLoop
{
    private volatile bool _stopRequested;
    private TaskCompletionSource<ShutdownReport>? _shutdown;
    private long _shutdownStarted;
    private long _shutdownDeadline;
    private IReadOnlyList<LiveTaskInfo> _neverAwaitedAtStop = [];

    /// <summary>Stops the loop; waits for live tasks to end after cancelling them, at most <paramref name="deadline"/>.</summary>
    public async Task<ShutdownReport> StopAsync(TimeSpan deadline)
    {
        var thread = _thread;
        if (thread is null)
        {
            return new ShutdownReport(true, TimeSpan.Zero, [], []);
        }

        _stopRequested = true;
        var shutdown = new TaskCompletionSource<ShutdownReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _shutdown, shutdown, null) is { } already)
        {
            return await already.Task.ConfigureAwait(false);
        }

        if (_exitRequested || !thread.IsAlive)
        {
            shutdown.TrySetResult(new ShutdownReport(true, TimeSpan.Zero, [], []));
            return await shutdown.Task.ConfigureAwait(false);
        }

        var ticks = LoopClock.FromTimeSpan(deadline < TimeSpan.Zero ? TimeSpan.Zero : deadline);
        CallSoon(_ => BeginShutdown(ticks), null);
        var report = await shutdown.Task.ConfigureAwait(false);
        await Task.Run(thread.Join).ConfigureAwait(false);
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _wake.Dispose();
    }

    private void BeginShutdown(long deadlineTicks)
    {
        _shutdownStarted = LoopClock.Now;
        _shutdownDeadline = _shutdownStarted + deadlineTicks;
        _neverAwaitedAtStop = DescribeLiveTasks(int.MaxValue, onlyUnobserved: true);
        foreach (var task in _live.Values)
        {
            task.CancelTokenOnly();
        }
    }

    /// <summary>Called once per pass; ends the loop when every task finished or the deadline passed.</summary>
    private void CheckShutdown(long now)
    {
        if (_shutdownStarted == 0 || _exitRequested)
        {
            return;
        }

        if (_live.Count > 0 && now < _shutdownDeadline)
        {
            return;
        }

        var stillAlive = DescribeLiveTasks(int.MaxValue, onlyUnobserved: false);
        var report = new ShutdownReport(stillAlive.Count == 0, LoopClock.ToTimeSpan(now - _shutdownStarted), _neverAwaitedAtStop, stillAlive);
        _exitRequested = true;
        _shutdown!.TrySetResult(report);
    }

    /// <summary>After the loop thread ends: unblock awaiters of tasks that never finished, close the channels.</summary>
    private void AbandonRemainingWork()
    {
        foreach (var task in _live.Values)
        {
            task.CompleteFrom(Task.FromCanceled(new CancellationToken(canceled: true)));
        }

        _live.Clear();
        _ready.Clear();
        _timers.Clear();
        while (_remote.TryDequeue(out _))
        {
        }

        _records.Writer.TryComplete();
        _intervals.Writer.TryComplete();
        _shutdown?.TrySetResult(new ShutdownReport(false, TimeSpan.Zero, _neverAwaitedAtStop, []));
    }
}

/// <summary>
/// What a stop found: whether every task ended before the deadline, the fire-and-forget tasks
/// (never awaited) that were alive when the stop began, and the tasks still alive at the end.
/// </summary>
public sealed record ShutdownReport(
    bool AllTasksEnded,
    TimeSpan Elapsed,
    IReadOnlyList<LiveTaskInfo> NeverAwaitedAtStop,
    IReadOnlyList<LiveTaskInfo> StillAlive);
