using System.Diagnostics;
using Dashboard.EventLoop.Waiting;

namespace Dashboard.Load.Engine;

/// <summary>
/// Waits on a dedicated thread (the scheduler's, the interval reporter's) until a timestamp, and
/// can be woken early by <see cref="Signal"/>. It sleeps in the kernel with a microsecond deadline
/// (<see cref="WakeableWait"/>: on Linux the thread wakes within the timer slack, about 50 µs),
/// so the scheduler's CPU grows with the send rate, not with time. An optional spin threshold
/// spins (yielding) for the last stretch before a deadline, for machines whose sleeps overshoot.
/// </summary>
internal sealed class PreciseWaiter(TimeSpan spinThreshold) : IDisposable
{
    private readonly long _spinTicks = (long)(spinThreshold.TotalSeconds * Stopwatch.Frequency);
    private readonly WakeableWait _wait = WakeableWait.Create();

    /// <summary>Interrupts the current or the next wait.</summary>
    public void Signal() => _wait.Signal();

    /// <summary>Waits until <paramref name="timestamp"/>; false when interrupted by <see cref="Signal"/>
    /// (the signal is consumed). A timestamp already reached returns true at once, without a system call,
    /// so every send already due is dispatched in one wake-up.</summary>
    public bool WaitUntil(long timestamp)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            long remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return true;
            }

            if (remaining > _spinTicks)
            {
                if (_wait.WaitUntil(timestamp - _spinTicks))
                {
                    return false;
                }

                continue;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    public void Dispose() => _wait.Dispose();
}
