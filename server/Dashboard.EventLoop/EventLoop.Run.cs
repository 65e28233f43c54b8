using System.Runtime.CompilerServices;

namespace Dashboard.EventLoop;

/// <summary>
/// The loop thread: <see cref="Run"/> is asyncio's run_forever and <see cref="RunStep"/> is the
/// only place where callbacks run and time is measured.
/// </summary>
public sealed partial class EventLoop
{
    private volatile bool _exitRequested;

    // Run is entered once per loop, so tiering would leave its endless loop to on-stack
    // replacement. Compiled optimized once instead; the pass it calls (not inlined) tiers up as
    // usual, with the class's statics known, so its thread-static reads stay inline.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        t_runningLoop = this;
        Volatile.Write(ref _loopThreadId, Environment.CurrentManagedThreadId);
        var now = LoopClock.Now;
        _figures = new LoopFiguresCollector(_options.MaxSlowStepsPerInterval, _options.Index, now);
        _nextIntervalAt = now + _intervalTicks;
        try
        {
            while (!_exitRequested)
            {
                RunOnce();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(null);
            _installedContext = null;
            AbandonRemainingWork();
        }
    }

    /// <summary>
    /// One iteration: take posted work, move due timers to the ready queue, emit figures when an
    /// interval ended, then run exactly what was ready when the pass began (work queued by these
    /// steps waits for the next pass, so timers and remote posts are never starved).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunOnce()
    {
        DrainRemote();
        var now = LoopClock.Now;
        MoveDueTimers(now);
        if (_accounting)
        {
            _figures!.SampleDepth(now, _ready.Count);
            if (now >= _nextIntervalAt)
            {
                EmitInterval(now);
            }
        }

        CheckShutdown(now);
        if (_ready.Count == 0)
        {
            if (!_exitRequested)
            {
                WaitForWork(now);
            }

            return;
        }

        var count = _ready.Count;
        var boundary = now;
        for (var i = 0; i < count; i++)
        {
            var item = _ready.Dequeue();
            boundary = RunStep(in item, boundary);
        }

        if (_accounting)
        {
            _figures!.AddPass(boundary - now, count);
        }
    }

    /// <summary>
    /// Runs one callback as a step of its task. <paramref name="start"/> is the previous step's
    /// end: one timestamp per step serves as both boundaries.
    /// </summary>
    private long RunStep(in ReadyItem item, long start)
    {
        var task = item.Task;
        if (task is { IsFinalized: true })
        {
            task = null; // a stray continuation of a finished task runs, attributed to no task
        }

        if (_accounting)
        {
            task?.BeginStep(start, _maxSpans);
            if (item.TimerDue != 0)
            {
                _figures!.AddTimerLag(start - item.TimerDue);
            }
        }

        var queuedBefore = _ready.Count;
        _currentTask = task;
        var context = task is null ? _loopContext : task.Context;
        if (!ReferenceEquals(context, _installedContext))
        {
            // Consecutive steps of one task (or of loop callbacks) keep the context installed:
            // an await restores the context it found, so a step leaves it as it was set.
            SynchronizationContext.SetSynchronizationContext(context);
            _installedContext = context;
        }

        try
        {
            item.Invoke();
        }
        catch (Exception)
        {
            // Task bodies capture their own exceptions; this is a raw callback that threw. The loop goes on.
            _figures?.AddCallbackError();
        }

        _currentTask = null;
        long end = 0;
        if (_accounting)
        {
            end = LoopClock.Now;
            if (task is not null)
            {
                task.EndStep(end, _maxSpans);
            }

            var duration = end - start;
            if (duration > _slowStepTicks)
            {
                var victims = _figures!.KeepsNextSlowStep
                    ? VictimCensus.Count(_ready, queuedBefore, _timers, _remote, task, start, end)
                    : Victims.None;
                _figures.AddSlowStep(task, start, duration, _ready.Count, victims);
            }
        }

        if (task is { BodyFinished: true })
        {
            FinalizeTask(task, end);
        }

        return end;
    }

    private void MoveDueTimers(long now)
    {
        while (_timers.TryTakeDue(now, out var timer))
        {
            var task = timer.Task;
            if (task is { IsFinalized: true })
            {
                task = null;
            }

            if (_accounting && task is not null)
            {
                task.MarkReadyFromTimer(timer.Due, now, _maxSpans);
            }

            _ready.Enqueue(new ReadyItem
            {
                Work = timer.Callback,
                State = timer.State,
                Task = task,
                ReadyAt = timer.Due,
                TimerDue = timer.Due,
            });
        }
    }

    private void EmitInterval(long now)
    {
        var counters = new LoopCounters(
            LiveTaskCount,
            Interlocked.Read(ref _createdCount),
            Interlocked.Read(ref _completedCount),
            Interlocked.Read(ref _faultedCount),
            Interlocked.Read(ref _cancelledCount),
            Interlocked.Read(ref _recordsDropped));
        var figures = _figures!.Complete(now, _wallClock.GetUtcNow(), counters);
        _latestFigures = figures;
        _intervals.Writer.TryWrite(figures);
        _nextIntervalAt = now + _intervalTicks;
        _timers.PurgeIfMostlyCancelled();
    }
}
