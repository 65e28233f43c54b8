namespace Dashboard.EventLoop;

/// <summary>
/// One unit of work in the ready queue: one of three callback shapes in <see cref="Work"/> (kept as
/// given, so no adapter delegate is allocated per post), the task it belongs to and when it became ready.
/// </summary>
internal struct ReadyItem
{
    /// <summary>An <see cref="Action"/> (an await continuation), a <see cref="SendOrPostCallback"/> or an <see cref="Action{T}"/> of the state.</summary>
    public Delegate Work;
    public object? State;
    public LoopTask? Task;

    /// <summary>Loop timestamp at which the item became ready (for remote posts and timers).</summary>
    public long ReadyAt;

    /// <summary>Due time when a loop timer produced this item, else 0 (for the timer-lag figure).</summary>
    public long TimerDue;

    public readonly void Invoke()
    {
        // Exact type checks: each shape is a sealed delegate type, so each test is one compare.
        if (Work is Action continuation)
        {
            continuation();
        }
        else if (Work is SendOrPostCallback post)
        {
            post(State);
        }
        else
        {
            ((Action<object?>)Work)(State);
        }
    }
}
