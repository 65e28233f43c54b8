namespace Dashboard.EventLoop;

/// <summary>Task lifecycle on the loop: start, first step, completion, cancellation, live queries.</summary>
public sealed partial class EventLoop
{
    /// <summary>Ancestors a live query walks up at most (a parent chain is short; this bounds a pathological one).</summary>
    private const int MaxAncestors = 16;

    private static readonly Action<object?> RunFirstStepCallback = static state => ((LoopTask)state!).Loop.RunFirstStep((LoopTask)state!);

    private T StartTask<T>(T task)
        where T : LoopTask
    {
        if (_stopRequested)
        {
            throw new InvalidOperationException($"The event loop is stopping and takes no new tasks (refused '{task.Name}').");
        }

        if (Interlocked.Increment(ref _liveCount) > _options.MaxLiveTasks)
        {
            Interlocked.Decrement(ref _liveCount);
            throw new LoopCapacityException(
                $"The event loop already has {_options.MaxLiveTasks} live tasks (EventLoop:MaxLiveTasks); refused '{task.Name}'.");
        }

        Interlocked.Increment(ref _createdCount);
        var created = _accounting ? LoopClock.Now : 0;
        task.StartClock(created);
        var item = new ReadyItem { Work = RunFirstStepCallback, State = task, Task = task, ReadyAt = created };
        if (IsOnLoopThread)
        {
            Register(task);
            _ready.Enqueue(item);
        }
        else
        {
            _remote.Enqueue(item);
            Wake();
        }

        return task;
    }

    private void Register(LoopTask task)
    {
        task.IsRegistered = true;
        _live.Add(task.Id, task);
        if (task.Parent is { IsRegistered: true, IsFinalized: false } parent)
        {
            task.NextSibling = parent.FirstChild;
            if (parent.FirstChild is not null)
            {
                parent.FirstChild.PreviousSibling = task;
            }

            parent.FirstChild = task;
        }
    }

    private void RunFirstStep(LoopTask task)
    {
        Task body;
        try
        {
            body = task.InvokeBody();
        }
        catch (Exception ex)
        {
            body = Task.FromException(ex);
        }

        if (body.IsCompleted)
        {
            OnBodyCompleted(task, body);
            return;
        }

        // The step runs with the task's context current, so this continuation comes back as a
        // step of the same task (inline when the body finishes on the loop within that task).
        body.GetAwaiter().UnsafeOnCompleted(() => OnBodyCompleted(task, body));
    }

    private void OnBodyCompleted(LoopTask task, Task body)
    {
        task.Outcome = task.CompleteFrom(body);
        if (task.Outcome == TaskOutcome.Faulted)
        {
            task.Error = body.Exception!.InnerExceptions.Count == 1 ? body.Exception.InnerException : body.Exception;
        }

        task.BodyFinished = true;
    }

    private void FinalizeTask(LoopTask task, long completed)
    {
        task.IsFinalized = true;
        _live.Remove(task.Id);
        Unlink(task);
        Interlocked.Decrement(ref _liveCount);
        Interlocked.Increment(ref _completedCount);
        if (task.Outcome == TaskOutcome.Faulted)
        {
            Interlocked.Increment(ref _faultedCount);
        }
        else if (task.Outcome == TaskOutcome.Cancelled)
        {
            Interlocked.Increment(ref _cancelledCount);
        }

        if (_accounting)
        {
            _records.Writer.TryWrite(task.Finish(completed, _maxSpans));
        }
    }

    private static void Unlink(LoopTask task)
    {
        if (task.PreviousSibling is not null)
        {
            task.PreviousSibling.NextSibling = task.NextSibling;
        }
        else if (task.Parent is { } parent && parent.FirstChild == task)
        {
            parent.FirstChild = task.NextSibling;
        }

        if (task.NextSibling is not null)
        {
            task.NextSibling.PreviousSibling = task.PreviousSibling;
        }

        task.NextSibling = null;
        task.PreviousSibling = null;
    }

    internal void CancelTask(LoopTask task, bool includeChildren)
    {
        if (!IsOnLoopThread)
        {
            // The child links belong to the loop thread: walk them there.
            task.CancelTokenOnly();
            if (includeChildren)
            {
                CallSoon(s => CancelOnLoop((LoopTask)s!, true), task);
            }

            return;
        }

        CancelOnLoop(task, includeChildren);
    }

    private static void CancelOnLoop(LoopTask root, bool includeChildren)
    {
        var pending = new Stack<LoopTask>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var task = pending.Pop();
            task.CancelTokenOnly();
            if (!includeChildren)
            {
                return;
            }

            for (var child = task.FirstChild; child is not null; child = child.NextSibling)
            {
                pending.Push(child);
            }
        }
    }

    /// <summary>
    /// A consistent snapshot of the live tasks with their times so far, taken on the loop thread
    /// (the caller waits, the loop does not). Bounded by EventLoopOptions.MaxLiveTasksPerQuery.
    /// </summary>
    public Task<IReadOnlyList<LiveTaskInfo>> GetLiveTasksAsync()
    {
        var result = new TaskCompletionSource<IReadOnlyList<LiveTaskInfo>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_thread is null || _exitRequested)
        {
            result.SetResult([]);
            return result.Task;
        }

        CallSoon(_ => result.TrySetResult(DescribeLiveTasks(_options.MaxLiveTasksPerQuery, onlyUnobserved: false)), null);
        return result.Task;
    }

    /// <summary>
    /// One live task as it stands, with its live ancestors and at most <paramref name="maxChildren"/>
    /// live children, taken on the loop thread (the caller waits, the loop does not); null when no
    /// live task has that id (it completed, or never was).
    /// </summary>
    public Task<LiveTaskTree?> GetLiveTaskAsync(long taskId, int maxChildren)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxChildren);
        var result = new TaskCompletionSource<LiveTaskTree?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_thread is null || _exitRequested)
        {
            result.SetResult(null);
            return result.Task;
        }

        CallSoon(_ => result.TrySetResult(DescribeLiveTask(taskId, maxChildren)), null);
        return result.Task;
    }

    private LiveTaskTree? DescribeLiveTask(long taskId, int maxChildren)
    {
        if (!_live.TryGetValue(taskId, out var task))
        {
            return null;
        }

        var now = LoopClock.Now;
        var spans = _options.MaxSpansPerTask;
        var ancestors = new List<TaskRecord>();
        for (var parent = task.Parent; parent is { IsRegistered: true, IsFinalized: false } && ancestors.Count < MaxAncestors; parent = parent.Parent)
        {
            ancestors.Add(parent.SoFar(now, spans));
        }

        var children = new List<TaskRecord>();
        var omitted = 0;
        for (var child = task.FirstChild; child is not null; child = child.NextSibling)
        {
            if (children.Count < maxChildren)
            {
                children.Add(child.SoFar(now, spans));
            }
            else
            {
                omitted++;
            }
        }

        return new LiveTaskTree(task.SoFar(now, spans), ancestors, children, omitted);
    }

    private List<LiveTaskInfo> DescribeLiveTasks(int max, bool onlyUnobserved)
    {
        var now = LoopClock.Now;
        var list = new List<LiveTaskInfo>(Math.Min(max, _live.Count));
        foreach (var task in _live.Values)
        {
            if (list.Count == max)
            {
                break;
            }

            if (!onlyUnobserved || !task.IsObserved)
            {
                list.Add(task.Describe(now));
            }
        }

        list.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return list;
    }
}
