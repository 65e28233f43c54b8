using Dashboard.EventLoop;

namespace Dashboard.EventLoop.Tests;

/// <summary>Known shapes with tolerances that survive a noisy two-core machine.</summary>
public sealed class AccountingShapeTests
{
    [Fact]
    public async Task Compute20ThenSleep30_IsAwake20Asleep30NotWaiting()
    {
        await using var harness = new LoopHarness();
        var record = await harness.RunAndRecord("compute-then-sleep", async _ =>
        {
            LoopHarness.Spin(TimeSpan.FromMilliseconds(20));
            await harness.Loop.Sleep(TimeSpan.FromMilliseconds(30));
        });

        Assert.InRange(LoopHarness.Ms(record.AwakeTicks), 19, 60);
        // Code after the Sleep call in the same step (cold JIT) is awake time, so asleep may be a bit short.
        Assert.InRange(LoopHarness.Ms(record.AsleepTicks), 20, 80);
        // Nothing else runs, so waiting is only the loop's wake-up latency (loose: CI shares two cores).
        Assert.InRange(LoopHarness.Ms(record.WaitingTicks), 0, 25);
        Assert.Equal(record.LifetimeTicks, record.AwakeTicks + record.WaitingTicks + record.AsleepTicks);
        Assert.Equal(2, record.Steps);
        Assert.Equal(1, record.Wakeups);
        Assert.Equal(TaskOutcome.RanToCompletion, record.Outcome);
    }

    [Fact]
    public async Task TwoComputeTasksStartedTogether_SecondWaitsForFirst()
    {
        await using var harness = new LoopHarness();
        var start = new TaskCompletionSource();
        LoopTask? first = null;
        LoopTask? second = null;
        harness.Loop.CallSoon(
            _ =>
            {
                // Spawned in the same loop callback so both are queued at the same instant.
                first = harness.Loop.Spawn("first", "compute", _ => { LoopHarness.Spin(TimeSpan.FromMilliseconds(20)); return Task.CompletedTask; });
                second = harness.Loop.Spawn("second", "compute", _ => { LoopHarness.Spin(TimeSpan.FromMilliseconds(20)); return Task.CompletedTask; });
                start.SetResult();
            },
            null);
        await start.Task.Within("the loop to start both tasks", TimeSpan.FromSeconds(10));
        await Task.WhenAll(first!.Completion, second!.Completion).Within("the end of every task", TimeSpan.FromSeconds(10));
        var a = await harness.RecordOf(first.Id);
        var b = await harness.RecordOf(second.Id);

        Assert.InRange(LoopHarness.Ms(a.WaitingTicks), 0, 30);
        Assert.InRange(LoopHarness.Ms(b.WaitingTicks), 19, 80);
        Assert.InRange(LoopHarness.Ms(b.FirstRunDelayTicks), 19, 80);
        Assert.InRange(LoopHarness.Ms(b.AwakeTicks), 19, 60);
        Assert.True(b.WaitingTicks >= a.AwakeTicks, "the second waits at least as long as the first ran");
    }

    [Fact]
    public async Task RunInExecutor20_IsAsleepOnTheLoopNotAwake()
    {
        await using var harness = new LoopHarness();
        Task Offload(CancellationToken _) => OffloadAsync(harness);
        await harness.RunAndRecord("offload-warm-up", Offload); // the first run's JIT would shorten asleep
        var record = await harness.RunAndRecord("offload", Offload);

        // Asleep starts when the step that launched the work ends (a little after the work began:
        // a CI run once saw 14.7 ms of the 20). The ceiling is a sanity limit: the spin waits for
        // a free pool worker first.
        Assert.InRange(LoopHarness.Ms(record.AsleepTicks), 10, 1_000);
        Assert.InRange(LoopHarness.Ms(record.AwakeTicks), 0, 30);
        // Had the spin been counted on the loop, awake would hold its 20 ms and asleep next to
        // nothing. (Not "twice": a machine with busy neighbours once preempted the loop for 8 ms
        // inside the task's two tiny steps.)
        Assert.True(record.AsleepTicks > record.AwakeTicks, record.ToString());
    }

    private static async Task OffloadAsync(LoopHarness harness)
    {
        var value = await harness.Loop.RunInExecutor(() =>
        {
            LoopHarness.Spin(TimeSpan.FromMilliseconds(20));
            return 42;
        });
        Assert.Equal(42, value);
    }

    [Fact]
    public async Task SleepingTaskBehindABlocker_WaitsFromItsDueTimeAndKeepsTheLateness()
    {
        await using var harness = new LoopHarness();
        var sleeper = harness.Loop.Spawn("sleeper", "victim", async _ => await harness.Loop.Sleep(TimeSpan.FromMilliseconds(10)));
        var blocker = harness.Loop.Spawn("blocker", "blocker", _ => { LoopHarness.Spin(TimeSpan.FromMilliseconds(60)); return Task.CompletedTask; });
        await Task.WhenAll(sleeper.Completion, blocker.Completion).Within("the end of every task", TimeSpan.FromSeconds(10));
        var record = await harness.RecordOf(sleeper.Id);

        // Due after 10 ms, but the loop was held until ~60 ms: ~50 ms of that is waiting, not sleep.
        Assert.InRange(LoopHarness.Ms(record.WaitingTicks), 35, 120);
        Assert.InRange(LoopHarness.Ms(record.TimerLatenessTicks), 35, 120);
        Assert.InRange(LoopHarness.Ms(record.AsleepTicks), 0, 15);
    }

    [Fact]
    public async Task GatheredChildren_FormATreeAndTheParentSleepsWhileTheyRun()
    {
        await using var harness = new LoopHarness();
        async Task<(LoopTask Parent, List<long> ChildIds)> Gather()
        {
            var childIds = new List<long>();
            var parent = harness.Loop.Spawn("parent", "gather", async _ =>
            {
                var children = Enumerable.Range(0, 3)
                    .Select(i => harness.Loop.Spawn($"child-{i}", "gather/child", async _ => await harness.Loop.Sleep(TimeSpan.FromMilliseconds(20 + (i * 5)))))
                    .ToList();
                childIds.AddRange(children.Select(c => c.Id));
                await LoopTasks.GatherAsync(children);
            });
            await parent.Completion.Within("the end of loop task parent", TimeSpan.FromSeconds(10));
            return (parent, childIds);
        }

        await Gather(); // warm-up: the first run's JIT would show up as awake and waiting time
        var (parent, childIds) = await Gather();
        var parentRecord = await harness.RecordOf(parent.Id);

        foreach (var id in childIds)
        {
            var child = await harness.RecordOf(id);
            Assert.Equal(parent.Id, child.ParentId);
            // The timer's due time is taken inside Sleep; code that runs after it in the same step
            // (cold JIT on a first run) is awake time, so asleep alone may be a little short.
            Assert.InRange(LoopHarness.Ms(child.LifetimeTicks), 19, 200);
            // Asleep ends at the timer's due time, so CPU contention cannot stretch it (it stretches waiting).
            Assert.InRange(LoopHarness.Ms(child.AsleepTicks), 10, 40);
        }

        // Concurrent children: the parent sleeps about as long as the slowest child, not the sum.
        Assert.InRange(LoopHarness.Ms(parentRecord.AsleepTicks + parentRecord.WaitingTicks), 29, 200);
        Assert.True(parentRecord.LifetimeTicks < 3 * LoopClock.FromTimeSpan(TimeSpan.FromMilliseconds(75)), "children ran concurrently");
        Assert.Equal(0, parentRecord.ParentId);
    }

    [Fact]
    public async Task SeveralContinuationsInFlight_AreCountedAndTheInvariantHolds()
    {
        await using var harness = new LoopHarness();
        var record = await harness.RunAndRecord("fan-in", async _ =>
        {
            // Plain async helpers inside one task: their continuations are queued at the same time.
            async Task Inner()
            {
                for (var i = 0; i < 5; i++)
                {
                    await harness.Loop.Yield();
                }
            }

            await Task.WhenAll(Inner(), Inner(), Inner());
        });

        Assert.Equal(record.LifetimeTicks, record.AwakeTicks + record.WaitingTicks + record.AsleepTicks);
        Assert.True(record.Steps >= 15, $"expected at least 15 steps, got {record.Steps}");
    }
}
