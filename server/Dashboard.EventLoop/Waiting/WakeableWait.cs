namespace Dashboard.EventLoop.Waiting;

/// <summary>
/// A thread's wait for a deadline that another thread can cut short: the loop's wait for work or
/// its nearest timer, the load scheduler's wait for its next send. Deadlines are in
/// <see cref="LoopClock"/> ticks and kept to the microsecond where the OS allows it (Linux);
/// elsewhere to the millisecond, rounded up so a deadline is never cut short.
/// </summary>
/// <remarks>
/// .NET's own waits (events, monitors, <c>Thread.Sleep</c>) take whole milliseconds. A loop that
/// waits for its next timer with them wakes up to a millisecond late on every timer (the Loop
/// page showed a timer lag of 2.4 ms at idle), and a scheduler that wants its sends on time has
/// to spin instead of sleeping.
/// </remarks>
internal abstract class WakeableWait : IDisposable
{
    /// <summary>The precise wait on Linux, the millisecond one elsewhere.</summary>
    public static WakeableWait Create() => OperatingSystem.IsLinux() && EventFdWait.TryCreate() is { } precise ? precise : new EventWait();

    /// <summary>Whether deadlines are kept below a millisecond.</summary>
    public abstract bool IsPrecise { get; }

    /// <summary>Wakes the current or the next <see cref="WaitUntil"/> (thread-safe; signals do not count up).</summary>
    public abstract void Signal();

    /// <summary>
    /// Blocks until <paramref name="deadline"/> (a <see cref="LoopClock"/> timestamp; <see cref="long.MaxValue"/>
    /// for no deadline) or a signal. True when a signal woke it (the signal is consumed), false at the deadline.
    /// It may return early without a signal (an interrupted system call): callers re-check their clock.
    /// </summary>
    public abstract bool WaitUntil(long deadline);

    public abstract void Dispose();
}
