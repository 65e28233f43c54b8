using System.Runtime.CompilerServices;

namespace Dashboard.EventLoop;

/// <summary>
/// A logical task on the loop (like asyncio.Task): a name, a kind for grouping, a parent and
/// children, a result, cancellation, and exact awake / waiting / asleep accounting. Await it (or
/// its <see cref="Completion"/>) from loop code or from any thread.
/// </summary>
public partial class LoopTask
{
    private readonly Func<CancellationToken, Task>? _body;
    private readonly TaskCompletionSource? _completion;
    private readonly CancellationTokenSource _cancellation = new();
    private volatile bool _observed;

    internal LoopTask(EventLoop loop, long id, string name, string kind, LoopTask? parent, string? tag, Func<CancellationToken, Task>? body)
    {
        Loop = loop;
        Id = id;
        Name = name;
        Kind = kind;
        Parent = parent;
        Tag = tag;
        Context = new LoopTaskContext(loop, this);
        _body = body;
        if (body is not null)
        {
            // Continuations run asynchronously so a thread awaiting without a context never runs on the loop.
            _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public EventLoop Loop { get; }

    public long Id { get; }

    public string Name { get; }

    /// <summary>Grouping key for statistics (for example the route or the workload name).</summary>
    public string Kind { get; }

    /// <summary>The task that spawned this one, or null for a root task.</summary>
    public LoopTask? Parent { get; }

    /// <summary>Free-form tag kept in the task's record, e.g. the request's correlation id.</summary>
    public string? Tag { get; set; }

    /// <summary>Cancelled when <see cref="Cancel"/> is called; loop awaits in the task observe it.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    public bool IsCancellationRequested => _cancellation.IsCancellationRequested;

    /// <summary>Completes when the task finishes; reading it marks the task as awaited.</summary>
    public Task Completion
    {
        get
        {
            _observed = true;
            return CompletionTask;
        }
    }

    /// <summary>True once something awaited the task (tasks never awaited are reported at shutdown).</summary>
    public bool IsObserved => _observed;

    public bool IsCompleted => CompletionTask.IsCompleted;

    public TaskAwaiter GetAwaiter() => Completion.GetAwaiter();

    /// <summary>
    /// Requests cancellation: the task's token fires and the loop's awaits inside it (Sleep,
    /// Yield, RunInExecutor with the token) throw at the task's next await. Children follow
    /// unless <paramref name="includeChildren"/> is false. Thread-safe.
    /// </summary>
    public void Cancel(bool includeChildren = true) => Loop.CancelTask(this, includeChildren);

    public override string ToString() => $"{Name} #{Id} ({Kind})";

    internal LoopTaskContext Context { get; }

    internal virtual Task CompletionTask => _completion!.Task;

    internal void MarkObserved() => _observed = true;

    internal void CancelTokenOnly()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (AggregateException)
        {
            // A registration callback threw; the task is still cancelled and the loop goes on.
        }
    }

    internal virtual Task InvokeBody() => _body!(CancellationToken);

    /// <summary>Copies the body's outcome to <see cref="Completion"/>; returns the outcome.</summary>
    internal virtual TaskOutcome CompleteFrom(Task body)
    {
        if (body.IsCanceled)
        {
            _completion!.TrySetCanceled();
            return TaskOutcome.Cancelled;
        }

        if (body.IsFaulted)
        {
            var error = body.Exception!.InnerExceptions.Count == 1 ? body.Exception.InnerException! : body.Exception;
            if (error is OperationCanceledException && IsCancellationRequested)
            {
                _completion!.TrySetCanceled();
                return TaskOutcome.Cancelled;
            }

            _completion!.TrySetException(error);
            return TaskOutcome.Faulted;
        }

        _completion!.TrySetResult();
        return TaskOutcome.RanToCompletion;
    }

    internal virtual void CompleteFaulted(Exception error) => _completion!.TrySetException(error);
}

/// <summary>A loop task with a result.</summary>
public sealed class LoopTask<T> : LoopTask
{
    private readonly Func<CancellationToken, Task<T>> _body;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal LoopTask(EventLoop loop, long id, string name, string kind, LoopTask? parent, string? tag, Func<CancellationToken, Task<T>> body)
        : base(loop, id, name, kind, parent, tag, null)
    {
        _body = body;
    }

    public new Task<T> Completion
    {
        get
        {
            MarkObserved();
            return _completion.Task;
        }
    }

    public new TaskAwaiter<T> GetAwaiter() => Completion.GetAwaiter();

    internal override Task CompletionTask => _completion.Task;

    internal override Task InvokeBody() => _body(CancellationToken);

    internal override TaskOutcome CompleteFrom(Task body)
    {
        if (body.IsCanceled || (body.IsFaulted && body.Exception!.InnerException is OperationCanceledException && IsCancellationRequested))
        {
            _completion.TrySetCanceled();
            return TaskOutcome.Cancelled;
        }

        if (body.IsFaulted)
        {
            var error = body.Exception!.InnerExceptions.Count == 1 ? body.Exception.InnerException! : body.Exception;
            _completion.TrySetException(error);
            return TaskOutcome.Faulted;
        }

        _completion.TrySetResult(((Task<T>)body).Result);
        return TaskOutcome.RanToCompletion;
    }

    internal override void CompleteFaulted(Exception error) => _completion.TrySetException(error);
}
