namespace Dashboard.EventLoop;

/// <summary>A loop timer created by <see cref="EventLoop.CallLater"/>; cancel it to skip the callback.</summary>
public sealed class TimerHandle
{
    internal TimerHandle(long due, Action<object?> callback, object? state, LoopTask? task)
    {
        Due = due;
        Callback = callback;
        State = state;
        Task = task;
    }

    internal long Due { get; }

    internal Action<object?> Callback { get; }

    internal object? State { get; }

    internal LoopTask? Task { get; }

    private volatile bool _cancelled;

    public bool IsCancelled => _cancelled;

    /// <summary>Thread-safe: the loop skips a cancelled timer when it comes due.</summary>
    public void Cancel() => _cancelled = true;
}
