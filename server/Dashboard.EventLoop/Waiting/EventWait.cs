namespace Dashboard.EventLoop.Waiting;

/// <summary>The portable wait: an event with a millisecond timeout, rounded up like asyncio's selector.</summary>
internal sealed class EventWait : WakeableWait
{
    private readonly ManualResetEventSlim _signal = new(false, spinCount: 0);

    public override bool IsPrecise => false;

    public override void Signal() => _signal.Set();

    public override bool WaitUntil(long deadline)
    {
        var timeoutMs = -1;
        if (deadline != long.MaxValue)
        {
            var ms = Math.Ceiling((deadline - LoopClock.Now) * 1000.0 / LoopClock.Frequency);
            timeoutMs = (int)Math.Clamp(ms, 0, int.MaxValue);
        }

        var signalled = _signal.Wait(timeoutMs);
        if (signalled)
        {
            _signal.Reset();
        }

        return signalled;
    }

    public override void Dispose() => _signal.Dispose();
}
