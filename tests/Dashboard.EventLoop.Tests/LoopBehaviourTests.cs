using Dashboard.EventLoop;

namespace Dashboard.EventLoop.Tests;

public sealed class LoopBehaviourTests
{
    [Fact]
    public async Task CallLater_FiresTimersInDueOrder()
    {
        await using var harness = new LoopHarness();
        var order = new List<int>();
        var done = new TaskCompletionSource();
        int[] delays = [30, 5, 20, 10, 10, 0, 25];
        harness.Loop.CallSoon(
            _ =>
            {
                for (var i = 0; i < delays.Length; i++)
                {
                    var index = i;
                    harness.Loop.CallLater(TimeSpan.FromMilliseconds(delays[i]), _ =>
                    {
                        order.Add(index);
                        if (order.Count == delays.Length)
                        {
                            done.SetResult();
                        }
                    }, null);
                }
            },
            null);
        await done.Task.Within("the last of the timers to fire", TimeSpan.FromSeconds(10));

        // Equal due times keep creation order (3 before 4).
        Assert.Equal([5, 1, 3, 4, 2, 6, 0], order);
    }

    [Fact]
    public async Task CancelledTimer_NeverFires()
    {
        await using var harness = new LoopHarness();
        var fired = 0;
        var timer = harness.Loop.CallLater(TimeSpan.FromMilliseconds(20), _ => Interlocked.Increment(ref fired), null);
        timer.Cancel();
        await Task.Delay(80);
        Assert.Equal(0, Volatile.Read(ref fired));
    }

    [Fact]
    public async Task Cancel_StopsASleepingTaskAtItsAwaitAndCancelsItsChildren()
    {
        await using var harness = new LoopHarness();
        LoopTask? child = null;
        var started = new TaskCompletionSource();
        var parent = harness.Loop.Spawn("parent", "cancel", async _ =>
        {
            child = harness.Loop.Spawn("child", "cancel", async _ => await harness.Loop.Sleep(TimeSpan.FromSeconds(30)));
            started.SetResult();
            await harness.Loop.Sleep(TimeSpan.FromSeconds(30));
        });
        await started.Task.Within("the parent to start its child", TimeSpan.FromSeconds(10));
        parent.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => parent.Completion.Within("the end of loop task parent", TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => child!.Completion.Within("the end of loop task child", TimeSpan.FromSeconds(10)));
        Assert.Equal(TaskOutcome.Cancelled, (await harness.RecordOf(parent.Id)).Outcome);
        Assert.Equal(TaskOutcome.Cancelled, (await harness.RecordOf(child!.Id)).Outcome);
    }

    [Fact]
    public async Task CancelWithoutChildren_LeavesChildrenRunning()
    {
        await using var harness = new LoopHarness();
        LoopTask? child = null;
        var started = new TaskCompletionSource();
        var parent = harness.Loop.Spawn("parent", "cancel", async _ =>
        {
            child = harness.Loop.Spawn("child", "cancel", async _ => await harness.Loop.Sleep(TimeSpan.FromMilliseconds(50)));
            started.SetResult();
            await harness.Loop.Sleep(TimeSpan.FromSeconds(30));
        });
        await started.Task.Within("the parent to start its child", TimeSpan.FromSeconds(10));
        parent.Cancel(includeChildren: false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => parent.Completion.Within("the end of loop task parent", TimeSpan.FromSeconds(10)));
        await child!.Completion.Within("the end of loop task child", TimeSpan.FromSeconds(10));
        Assert.Equal(TaskOutcome.RanToCompletion, (await harness.RecordOf(child.Id)).Outcome);
    }

    [Fact]
    public async Task ThrowingTask_IsFaultedAndRecordedAndTheLoopKeepsGoing()
    {
        await using var harness = new LoopHarness();
        var failing = harness.Loop.Spawn("failing", "fault", async _ =>
        {
            await harness.Loop.Yield();
            throw new InvalidOperationException("boom");
        });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Completion.Within("the end of loop task failing", TimeSpan.FromSeconds(10)));
        Assert.Equal("boom", error.Message);
        var record = await harness.RecordOf(failing.Id);
        Assert.Equal(TaskOutcome.Faulted, record.Outcome);
        Assert.Contains("boom", record.Error);

        var after = harness.Loop.Spawn<int>("after", "fault", async _ =>
        {
            await harness.Loop.Yield();
            return 7;
        });
        Assert.Equal(7, await after.Completion.Within("the end of loop task after", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ThrowingCallbackOutsideTasks_IsCountedAndTheLoopKeepsGoing()
    {
        await using var harness = new LoopHarness();
        harness.Loop.CallSoon(_ => throw new InvalidOperationException("raw callback"), null);
        var after = harness.Loop.Spawn<int>("after", "fault", _ => Task.FromResult(1));
        Assert.Equal(1, await after.Completion.Within("the end of loop task after", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Steps_NeverOverlapAndAllRunOnTheLoopThread()
    {
        await using var harness = new LoopHarness();
        var inside = 0;
        var overlaps = 0;
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        async Task Body(CancellationToken _)
        {
            for (var i = 0; i < 20; i++)
            {
                if (Interlocked.Increment(ref inside) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                threads[Environment.CurrentManagedThreadId] = true;
                Interlocked.Decrement(ref inside);
                if (i % 3 == 0)
                {
                    await harness.Loop.RunInExecutor(() => Thread.SpinWait(100));
                }
                else
                {
                    await harness.Loop.Yield();
                }
            }
        }

        // Spawned from several threads at once: the remote queue must hand everything to one thread.
        var tasks = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => harness.Loop.Spawn($"t{i}", "overlap", Body))));
        await Task.WhenAll(tasks.Select(t => t.Completion)).Within("the end of every task", TimeSpan.FromSeconds(30));

        Assert.Equal(0, overlaps);
        Assert.Single(threads);
    }

    [Fact]
    public async Task Shutdown_ReportsNeverAwaitedTasksThatWereStillAlive()
    {
        var harness = new LoopHarness();
        var stubborn = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        _ = harness.Loop.Spawn("stubborn-background", "fire-and-forget", async _ =>
        {
            started.SetResult();
            // Ignores the task's own cancellation: it sleeps on a token that never fires.
            await harness.Loop.Sleep(TimeSpan.FromSeconds(30), stubborn.Token);
        });
        var polite = harness.Loop.Spawn("polite-background", "fire-and-forget", async _ => await harness.Loop.Sleep(TimeSpan.FromSeconds(30)));
        await started.Task.Within("the stubborn task's first step", TimeSpan.FromSeconds(10));

        var report = await harness.Loop.StopAsync(TimeSpan.FromMilliseconds(200));

        Assert.False(report.AllTasksEnded);
        Assert.Contains(report.NeverAwaitedAtStop, t => t.Name == "stubborn-background");
        Assert.Contains(report.NeverAwaitedAtStop, t => t.Name == "polite-background");
        Assert.Contains(report.StillAlive, t => t.Name == "stubborn-background");
        Assert.DoesNotContain(report.StillAlive, t => t.Name == "polite-background");
        Assert.Throws<InvalidOperationException>(() => harness.Loop.Spawn("late", "x", _ => Task.CompletedTask));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => polite.Completion);
        await harness.DisposeAsync();
        stubborn.Dispose();
    }

    [Fact]
    public async Task Shutdown_WithEveryTaskEnding_ReportsAllEnded()
    {
        var harness = new LoopHarness();
        var task = harness.Loop.Spawn("awaited", "x", async _ => await harness.Loop.Sleep(TimeSpan.FromSeconds(30)));
        _ = task.Completion; // observed
        await Waits.UntilAsync(async () => (await harness.Loop.GetLiveTasksAsync()).FirstOrDefault(t => t.Id == task.Id && t.State == TaskState.Asleep), "the task asleep on its timer");
        var report = await harness.Loop.StopAsync(TimeSpan.FromSeconds(5));
        Assert.True(report.AllTasksEnded);
        Assert.Empty(report.NeverAwaitedAtStop);
        Assert.Empty(report.StillAlive);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task LiveTaskQuery_ShowsTheTreeWithTimesSoFar()
    {
        await using var harness = new LoopHarness();
        var ready = new TaskCompletionSource();
        LoopTask? child = null;
        var parent = harness.Loop.Spawn("parent", "tree", async _ =>
        {
            child = harness.Loop.Spawn("child", "tree", async _ => await harness.Loop.Sleep(TimeSpan.FromSeconds(30)));
            ready.SetResult();
            await child;
        });
        await ready.Task.Within("the parent to spawn its child", TimeSpan.FromSeconds(10));

        var live = await Waits.UntilAsync(
            async () => await harness.Loop.GetLiveTasksAsync() is var tasks && tasks.Any(t => t.Id == child!.Id && t.State == TaskState.Asleep) ? tasks : null,
            "the child asleep on its timer");

        var parentInfo = Assert.Single(live, t => t.Id == parent.Id);
        var childInfo = Assert.Single(live, t => t.Id == child!.Id);
        Assert.Equal(parent.Id, childInfo.ParentId);
        Assert.Equal(1, parentInfo.Children);
        Assert.Equal(TaskState.Asleep, childInfo.State);
        Assert.Equal(childInfo.AgeTicks, childInfo.AwakeTicks + childInfo.WaitingTicks + childInfo.AsleepTicks);
        parent.Cancel();
    }

    [Fact]
    public async Task LiveTaskStory_OfARunningTask_ItsRecordSoFarWithAncestorsAndChildrenUpToTheLimit()
    {
        await using var harness = new LoopHarness();
        var ready = new TaskCompletionSource();
        var children = new List<LoopTask>();
        LoopTask? middle = null;
        var root = harness.Loop.Spawn("root", "tree", async _ =>
        {
            middle = harness.Loop.Spawn("middle", "tree", async _ =>
            {
                for (var i = 0; i < 3; i++)
                {
                    children.Add(harness.Loop.Spawn($"child-{i}", "leaf", async _ => await harness.Loop.Sleep(TimeSpan.FromSeconds(30))));
                }

                ready.SetResult();
                await Task.WhenAll(children.Select(c => c.Completion));
            });
            await middle;
        });
        await ready.Task.Within("the middle task to spawn its children", TimeSpan.FromSeconds(10));
        await Waits.UntilAsync(async () => await harness.Loop.GetLiveTasksAsync() is var live && live.Count(t => t.Kind == "leaf" && t.State == TaskState.Asleep) == 3 ? live : null, "the children asleep");

        var tree = await harness.Loop.GetLiveTaskAsync(middle!.Id, maxChildren: 2);
        var gone = await harness.Loop.GetLiveTaskAsync(long.MaxValue, maxChildren: 2);

        Assert.NotNull(tree);
        Assert.True(tree.Task.Running);
        Assert.Equal(("middle", root.Id), (tree.Task.Name, tree.Task.ParentId));
        Assert.Equal(tree.Task.LifetimeTicks, tree.Task.AwakeTicks + tree.Task.WaitingTicks + tree.Task.AsleepTicks);
        // Its timeline runs up to the moment it was read: the last span is the open one, asleep.
        Assert.Equal((TaskState.Asleep, tree.Task.CompletedTimestamp), (tree.Task.Spans[^1].State, tree.Task.Spans[^1].End));
        Assert.Equal(["root"], tree.Ancestors.Select(a => a.Name));
        Assert.Equal(2, tree.Children.Count);
        Assert.Equal(1, tree.OmittedChildren);
        Assert.All(tree.Children, c => Assert.Equal(("leaf", middle.Id, true), (c.Kind, c.ParentId, c.Running)));
        Assert.Null(gone);
        root.Cancel();
    }

    [Fact]
    public async Task Spawn_OverTheLiveTaskLimit_IsRefusedWithAClearError()
    {
        await using var harness = new LoopHarness(new EventLoopOptions { MaxLiveTasks = 16 });
        var gate = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, 16).Select(i => harness.Loop.Spawn($"t{i}", "limit", _ => gate.Task)).ToList();

        var error = Assert.Throws<LoopCapacityException>(() => harness.Loop.Spawn("one-too-many", "limit", _ => Task.CompletedTask));
        Assert.Contains("MaxLiveTasks", error.Message);
        gate.SetResult();
        await Task.WhenAll(tasks.Select(t => t.Completion)).Within("the end of every task", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task IntervalFigures_ShowUtilizationSlowStepsAndTimerLag()
    {
        await using var harness = new LoopHarness(new EventLoopOptions
        {
            FigureInterval = TimeSpan.FromMilliseconds(100),
            SlowStepThreshold = TimeSpan.FromMilliseconds(20),
        });
        var blocker = harness.Loop.Spawn("blocker", "cpu", async _ =>
        {
            for (var i = 0; i < 6; i++)
            {
                LoopHarness.Spin(TimeSpan.FromMilliseconds(50));
                await harness.Loop.Sleep(TimeSpan.FromMilliseconds(1));
            }
        });
        await blocker.Completion.Within("the end of loop task blocker", TimeSpan.FromSeconds(10));

        var figures = new List<LoopIntervalFigures>();
        await Waits.Until(
            () =>
            {
                while (harness.Loop.Intervals.TryRead(out var f))
                {
                    figures.Add(f);
                }

                return figures.Sum(f => f.SlowSteps.Count) >= 5 && figures.Any(f => f.Utilization < 0.2);
            },
            "the intervals of the 50 ms steps and an idle one after them");

        Assert.NotEmpty(figures);
        Assert.Contains(figures, f => f.Utilization > 0.6);
        Assert.Contains(figures, f => f.Utilization < 0.2); // the idle tail
        var slow = figures.SelectMany(f => f.SlowSteps).ToList();
        Assert.True(slow.Count >= 5, $"expected the 50 ms steps as slow steps, got {slow.Count}");
        Assert.All(slow, s => Assert.Equal("blocker", s.TaskName));
        Assert.Contains(figures, f => f.TimerLag.Count > 0);
        Assert.All(figures, f => Assert.InRange(f.Utilization, 0, 1));
    }

    [Fact]
    public void Options_WithBadValues_NameTheField()
    {
        var options = new EventLoopOptions { FigureInterval = TimeSpan.Zero, MaxLiveTasks = 1 };
        var errors = options.Validate();
        Assert.Contains(errors, e => e.StartsWith("EventLoop:FigureInterval:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("EventLoop:MaxLiveTasks:", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new EventLoop(options));
    }

    [Fact]
    public async Task CompletedRecordBuffer_DropsOldestAndCountsWhenNobodyReads()
    {
        var loop = new EventLoop(new EventLoopOptions { CompletedTaskBufferCapacity = 16 });
        loop.Start();
        var tasks = Enumerable.Range(0, 100).Select(i => loop.Spawn($"t{i}", "drop", _ => Task.CompletedTask)).ToList();
        await Task.WhenAll(tasks.Select(t => t.Completion)).Within("the end of every task", TimeSpan.FromSeconds(10));
        await Waits.Until(() => loop.RecordsDropped >= 84, "84 records dropped from the full buffer");
        Assert.Equal(84, loop.RecordsDropped);
        await loop.StopAsync(TimeSpan.FromSeconds(5));
    }
}
