using System.Diagnostics;

namespace Dashboard.Load.Engine;

/// <summary>
/// Waits on a dedicated thread (the scheduler's, the interval reporter's) until a timestamp:
/// sleeps on an event while the target is further than the spin threshold (so a signal can
/// interrupt it), then spins with yields for the last stretch, because OS sleeps overshoot by a
/// fraction of a millisecond.
/// </summary>
internal sealed class PreciseWaiter(TimeSpan spinThreshold) : IDisposable
{
    private readonly long _spinTicks = (long)(spinThreshold.TotalSeconds * Stopwatch.Frequency);
    private readonly ManualResetEventSlim _signal = new(false, spinCount: 0);

    /// <summary>Interrupts the current or the next wait.</summary>
    public void Signal() => _signal.Set();

    /// <summary>Waits until <paramref name="timestamp"/>; false when interrupted by <see cref="Signal"/>
    /// (the signal is consumed).</summary>
    public bool WaitUntil(long timestamp)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            if (_signal.IsSet)
            {
                _signal.Reset();
                return false;
            }

            long remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return true;
            }

            long sleepTicks = remaining - _spinTicks;
            int sleepMilliseconds = (int)Math.Min(sleepTicks * 1000 / Stopwatch.Frequency, 100);
            if (sleepMilliseconds >= 1)
            {
                _signal.Wait(sleepMilliseconds);
            }
            else if (_spinTicks == 0)
            {
                _signal.Wait(1);
            }
            else
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    public void Dispose() => _signal.Dispose();
}
