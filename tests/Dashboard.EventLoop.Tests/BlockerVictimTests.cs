using Dashboard.EventLoop;

namespace Dashboard.EventLoop.Tests;

public sealed class BlockerVictimTests
{
    [Fact]
    public async Task Blocker_CountsQueuedSleepingAndRemoteVictimsWithTheWaitingItCaused()
    {
        await using var harness = new LoopHarness(new EventLoopOptions
        {
            FigureInterval = TimeSpan.FromMilliseconds(100),
            SlowStepThreshold = TimeSpan.FromMilliseconds(50),
        });
        var loop = harness.Loop;

        // Everything is ordered by the loop itself, not by the test thread's timing, so a busy
        // machine cannot move a victim out of the block: the sleepers run first and set their
        // 30 ms timers, then the blocker takes the loop and holds it until the test thread has
        // made the remote ones ready, and 200 ms more.
        var sleepers = new List<LoopTask>();
        var others = new List<LoopTask>();
        var blockerStarted = new TaskCompletionSource();
        using var remotesPosted = new ManualResetEventSlim();
        loop.CallSoon(
            _ =>
            {
                // Ten sleepers whose timers come due while the blocker holds the loop.
                sleepers.AddRange(Enumerable.Range(0, 10).Select(i => loop.Spawn($"sleeper-{i}", "sleeper", async _ => await loop.Sleep(TimeSpan.FromMilliseconds(30)))));
                loop.Spawn("blocker", "blocker", _ =>
                {
                    blockerStarted.SetResult();
                    remotesPosted.Wait(TimeSpan.FromSeconds(10));
                    LoopHarness.Spin(TimeSpan.FromMilliseconds(200));
                    return Task.CompletedTask;
                });
                // Five queued behind the blocker before it starts.
                for (var i = 0; i < 5; i++)
                {
                    others.Add(loop.Spawn($"queued-{i}", "queued", _ => Task.CompletedTask));
                }
            },
            null);
        await blockerStarted.Task.Within("the blocker to take the loop", TimeSpan.FromSeconds(10));
        // Three made ready from another thread while it runs.
        lock (others)
        {
            others.AddRange(Enumerable.Range(0, 3).Select(i => loop.Spawn($"remote-{i}", "remote", _ => Task.CompletedTask)));
        }

        remotesPosted.Set();
        await Task.WhenAll(sleepers.Concat(others).Select(t => t.Completion)).Within("the end of every task", TimeSpan.FromSeconds(10));
        var slow = new List<SlowStep>();
        await Waits.Until(
            () =>
            {
                while (loop.Intervals.TryRead(out var figures))
                {
                    slow.AddRange(figures.SlowSteps);
                }

                return slow.Any(s => s.TaskName == "blocker");
            },
            "the interval that holds the blocker's slow step");

        var blocker = Assert.Single(slow, s => s.TaskName == "blocker");
        Assert.Equal(18, blocker.Victims.Count);
        var byKind = blocker.Victims.Kinds.ToDictionary(k => k.Kind);
        Assert.Equal(10, byKind["sleeper"].Count);
        Assert.Equal(5, byKind["queued"].Count);
        Assert.Equal(3, byKind["remote"].Count);
        // Queued ones waited the whole step; sleepers from their due time (~30 ms into it), remote
        // ones from when the test thread made them ready. The ceilings are sanity limits.
        Assert.InRange(byKind["queued"].WaitingMs / 5, 190, 2_000);
        Assert.InRange(byKind["sleeper"].WaitingMs / 10, 120, 2_000);
        Assert.True(byKind["sleeper"].WaitingMs / 10 < byKind["queued"].WaitingMs / 5);
        Assert.InRange(byKind["remote"].WaitingMs / 3, 150, 2_000);
        Assert.Equal(blocker.Victims.Kinds.Sum(k => k.WaitingMs), blocker.Victims.WaitingMs, 3);
    }
}
