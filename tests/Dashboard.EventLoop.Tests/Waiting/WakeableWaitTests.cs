using Dashboard.EventLoop.Waiting;

namespace Dashboard.EventLoop.Tests.Waiting;

/// <summary>
/// The loop's and the load scheduler's wait, in both forms: the precise one (eventfd and ppoll,
/// Linux) and the portable one. Behaviour only; how close to its deadline it wakes is a benchmark
/// figure (benchmarks/run.sh loop, timer lag).
/// </summary>
public sealed class WakeableWaitTests
{
    public static TheoryData<string> Kinds => OperatingSystem.IsLinux() ? new() { "precise", "portable" } : new() { "portable" };

    [Fact]
    public void Create_OnLinux_IsThePreciseWait()
    {
        using var wait = WakeableWait.Create();
        Assert.Equal(OperatingSystem.IsLinux(), wait.IsPrecise);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WaitUntil_ADeadlineAlreadyPassed_ReturnsAtOnceUnsignalled(string kind)
    {
        using var wait = Make(kind);
        Assert.False(wait.WaitUntil(LoopClock.Now - LoopClock.Frequency));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WaitUntil_AFutureDeadline_NeverWakesBeforeIt(string kind)
    {
        using var wait = Make(kind);
        var deadline = LoopClock.Now + LoopClock.FromTimeSpan(TimeSpan.FromMilliseconds(5));
        while (!wait.WaitUntil(deadline) && LoopClock.Now < deadline)
        {
            // An interrupted call may return early; the contract is that callers re-check the clock.
        }

        Assert.True(LoopClock.Now >= deadline);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Signal_BeforeTheWait_IsKeptAndConsumedByIt(string kind)
    {
        using var wait = Make(kind);
        wait.Signal();
        wait.Signal(); // signals do not count up
        Assert.True(wait.WaitUntil(long.MaxValue));
        Assert.False(wait.WaitUntil(LoopClock.Now));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Signal_FromAnotherThread_WakesAWaitWithoutDeadline(string kind)
    {
        using var wait = Make(kind);
        var waiting = Task.Factory.StartNew(() => wait.WaitUntil(long.MaxValue), TaskCreationOptions.LongRunning);
        await Task.Delay(20);
        wait.Signal();
        Assert.True(await waiting.Within("the wait to wake on a signal"));
    }

    [Fact]
    public void Signal_AfterDispose_IsIgnored()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A late post from another thread after the loop stopped: no exception, and no write into
        // whatever file the descriptor's number was given to next.
        var wait = EventFdWait.TryCreate()!;
        wait.Dispose();
        var exception = Record.Exception(wait.Signal);
        Assert.Null(exception);
    }

    private static WakeableWait Make(string kind) => kind == "precise" ? EventFdWait.TryCreate()! : new EventWait();
}
