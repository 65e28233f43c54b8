namespace Dashboard.EventLoop;

/// <summary>
/// One unit of work in the ready queue: exactly one of the three callback shapes is set (so no
/// adapter delegate is allocated per post), plus the task it belongs to and when it became ready.
/// </summary>
internal struct ReadyItem
{
    public Action? Continuation;
    public SendOrPostCallback? PostCallback;
    public Action<object?>? Callback;
    public object? State;
    public LoopTask? Task;

    /// <summary>Loop timestamp at which the item became ready (for remote posts and timers).</summary>
    public long ReadyAt;

    /// <summary>Due time when a loop timer produced this item, else 0 (for the timer-lag figure).</summary>
    public long TimerDue;

    public readonly void Invoke()
    {
        if (Continuation is not null)
        {
            Continuation();
        }
        else if (PostCallback is not null)
        {
            PostCallback(State);
        }
        else
        {
            Callback!(State);
        }
    }
}
