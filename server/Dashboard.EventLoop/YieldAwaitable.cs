using System.Runtime.CompilerServices;

namespace Dashboard.EventLoop;

/// <summary>Awaitable returned by <see cref="EventLoop.Yield"/>: requeues the caller at the back of the ready queue.</summary>
public readonly struct YieldAwaitable(EventLoop loop)
{
    public YieldAwaiter GetAwaiter() => new(loop);
}

/// <summary>Awaiter of <see cref="YieldAwaitable"/>; throws at resumption when the task was cancelled.</summary>
public readonly struct YieldAwaiter(EventLoop loop) : ICriticalNotifyCompletion
{
    public bool IsCompleted => false;

    public void OnCompleted(Action continuation) => loop.EnqueueContinuation(continuation);

    public void UnsafeOnCompleted(Action continuation) => loop.EnqueueContinuation(continuation);

    public void GetResult()
    {
        if (EventLoop.CurrentTask is { IsCancellationRequested: true } task)
        {
            throw new OperationCanceledException(task.CancellationToken);
        }
    }
}
