namespace Dashboard.EventLoop;

/// <summary>How work enters the ready queue: locally on the loop thread, or through the remote queue.</summary>
public sealed partial class EventLoop
{
    private const int MaxRemoteDrainPerPass = 65_536;

    internal void PostFromContext(SendOrPostCallback callback, object? state, LoopTask? task) =>
        Enqueue(new ReadyItem { Work = callback, State = state, Task = task });

    internal void EnqueueContinuation(Action continuation)
    {
        if (IsOnLoopThread)
        {
            EnqueueLocal(new ReadyItem { Work = continuation, Task = _currentTask });
        }
        else
        {
            EnqueueRemote(new ReadyItem { Work = continuation });
        }
    }

    private void Enqueue(ReadyItem item)
    {
        if (IsOnLoopThread)
        {
            EnqueueLocal(item);
        }
        else
        {
            EnqueueRemote(item);
        }
    }

    private void EnqueueLocal(in ReadyItem item)
    {
        if (_accounting && item.Task is { IsFinalized: false } task)
        {
            // Only a task that is asleep needs the instant it became ready; one that is
            // running or already queued changes state at a step boundary instead.
            task.MarkReady(task.State == TaskState.Asleep ? LoopClock.Now : 0, _maxSpans);
        }

        _ready.Enqueue(item);
    }

    private void EnqueueRemote(ReadyItem item)
    {
        item.ReadyAt = _accounting ? LoopClock.Now : 0;
        _remote.Enqueue(item);
        Wake();
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakeSignalled, 1) == 0)
        {
            _wake.Signal();
        }
    }

    /// <summary>Moves work posted by other threads into the ready queue, applying when it became ready.</summary>
    private void DrainRemote()
    {
        for (var i = 0; i < MaxRemoteDrainPerPass && _remote.TryDequeue(out var item); i++)
        {
            if (item.Task is { } task)
            {
                if (!task.IsRegistered)
                {
                    Register(task); // a task spawned from another thread: its first step is this item
                }
                else if (_accounting && !task.IsFinalized)
                {
                    task.MarkReady(item.ReadyAt, _maxSpans);
                }
            }

            _ready.Enqueue(item);
        }
    }

    /// <summary>Blocks the loop thread until work arrives, the nearest timer or the next figure interval.</summary>
    private void WaitForWork(long now)
    {
        if (!_remote.IsEmpty)
        {
            return;
        }

        var wakeAt = _timers.NextDue();
        if (_accounting && _nextIntervalAt < wakeAt)
        {
            wakeAt = _nextIntervalAt;
        }

        if (wakeAt != long.MaxValue && wakeAt <= now)
        {
            return;
        }

        // Kept to the microsecond on Linux (see WakeableWait): a timer fires within the kernel's
        // timer slack of its due time, not up to a millisecond after it.
        _wake.WaitUntil(wakeAt);
        Interlocked.Exchange(ref _wakeSignalled, 0);
    }
}
