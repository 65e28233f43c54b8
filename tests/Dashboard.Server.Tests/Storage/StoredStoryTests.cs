using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.EventLoop;
using Dashboard.Server.History;
using Dashboard.Server.Runs;
using Dashboard.Server.Storage;
using Dashboard.Server.Tests.Support;
using static Dashboard.Server.Tests.Storage.StoreHarness;

namespace Dashboard.Server.Tests.Storage;

/// <summary>Task stories of stored runs: kept whole at the run's end, or rebuilt from the stored samples.</summary>
public sealed class StoredStoryTests : IDisposable
{
    private readonly StoreHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void FindStory_SampledTask_RebuildsItsFamilyFromTheSamplesOnly()
    {
        var store = _harness.Open();
        var run = TestRuns.Fixed();
        // A grandchild of request 1010, sampled in a later interval.
        var grandchild = run.Snapshots[0].Samples[1] with { Id = 5000, ParentId = 1011, Name = "grandchild", Reason = "random" };
        var snapshots = run.Snapshots.ToList();
        snapshots[^1] = snapshots[^1] with { Samples = [.. snapshots[^1].Samples, grandchild] };
        Write(store, run with { Snapshots = snapshots });

        var request = store.FindStory(run.Info.Id, 1010)!;
        var child = store.FindStory(run.Info.Id, 1011)!;
        var leaf = store.FindStory(run.Info.Id, 5000)!;

        Assert.Equal(TaskStorySources.Sampled, request.Source);
        Assert.Equal((1010L, "task"), (request.Task.Id, request.Task.Reason));
        Assert.Empty(request.Ancestors); // its connection (#7) was never sampled
        var only = Assert.Single(request.Children);
        Assert.Equal((1011L, "child"), (only.Task.Id, only.Task.Reason));
        Assert.Equal([(5000L, "grandchild")], only.Children.Select(g => (g.Id, g.Reason)));
        Assert.Equal(run.Snapshots[0].Samples[0].Timeline.Select(s => (s.State, s.StartMs, s.DurationMs)), request.Timeline.Select(s => (s.State, s.StartMs, s.DurationMs)));
        Assert.Equal([(1010L, "ancestor")], child.Ancestors.Select(a => (a.Id, a.Reason)));
        Assert.Equal([1011L, 1010], leaf.Ancestors.Select(a => a.Id));
        Assert.Null(store.FindStory(run.Info.Id, 9999));
        Assert.Null(store.FindStory("no-such-run", 1010));
        Assert.True(store.RunExists(run.Info.Id));
        Assert.False(store.RunExists("no-such-run"));
    }

    [Fact]
    public void ReplaceStories_ThenFindStory_AnswersTheStoredStoryBeforeTheSamplesAndReplacesTheOldOnes()
    {
        var store = _harness.Open();
        var run = TestRuns.Fixed();
        Write(store, run);
        var first = Story(1010, childIds: [1011, 77]);
        var second = Story(1020, childIds: []);

        WriteStories(store, run.Info.Id, [first, Story(1030, [])]);
        WriteStories(store, run.Info.Id, [first, second]);

        var stored = store.FindStory(run.Info.Id, 1010)!;
        Assert.Equal(TaskStorySources.Stored, stored.Source);
        // Child 77 was never sampled: only the stored story knows it.
        Assert.Equal([1011L, 77], stored.Children.Select(c => c.Task.Id));
        // The task and its timeline whole; its relatives with their times but not their spans.
        Assert.Equal(StoreJson.Write(first.Task), StoreJson.Write(stored.Task));
        Assert.Equal(StoreJson.Write(first.Timeline), StoreJson.Write(stored.Timeline));
        Assert.Equal(first.Children.Select(c => c.Task.LifetimeMs), stored.Children.Select(c => c.Task.LifetimeMs));
        Assert.All(stored.Children, c => Assert.Empty(c.Task.Timeline));
        Assert.Equal(2, store.CountStories(run.Info.Id));
        Assert.Equal(TaskStorySources.Sampled, store.FindStory(run.Info.Id, 1030)!.Source);
    }

    [Fact]
    public void ForStorage_ManyChildrenAndGrandchildren_KeepsTheFirstOfEachAndCountsTheRest()
    {
        var task = Story(1, []).Task;
        var story = Story(1, []) with
        {
            Ancestors = [task with { Id = 0, Reason = "ancestor" }],
            Children = Enumerable.Range(10, 5)
                .Select(c => new TaskStoryChild(task with { Id = c, Reason = "child" }, Enumerable.Range(100 * c, 4).Select(g => task with { Id = g, Reason = "grandchild" }).ToArray()))
                .ToArray(),
        };

        var stored = StoredStoryShape.ForStorage(story, maxChildren: 2);
        var read = StoredStoryShape.FromStorage(StoreJson.Read<TaskStory>(StoreJson.Write(stored)));

        Assert.Equal([10L, 11], read.Children.Select(c => c.Task.Id));
        Assert.Equal(3, read.OmittedChildren);
        Assert.Equal([[1000L, 1001], [1100L, 1101]], read.Children.Select(c => c.Children.Select(g => g.Id).ToArray()));
        Assert.All(read.Children, c => Assert.Equal(2, c.OmittedChildren));
        Assert.Empty(stored.Task.Timeline); // kept once, as the story's timeline
        Assert.Equal(StoreJson.Write(task.Timeline), StoreJson.Write(read.Task.Timeline));
        Assert.All(read.Ancestors.Concat(read.Children.Select(c => c.Task)).Concat(read.Children.SelectMany(c => c.Children)), r => Assert.Empty(r.Timeline));
        Assert.Equal(TaskStorySources.Stored, read.Source);
        Assert.Equal(5, StoredStoryShape.ForStorage(story, maxChildren: 0).OmittedChildren);
    }

    [Fact]
    public void ReplaceStories_ForARunWithoutARow_WritesNothing()
    {
        var store = _harness.Open();
        using var batch = store.BeginBatch();

        Assert.Equal(0, batch.ReplaceStories("no-such-run", [Story(1, [])]));
        batch.Commit();

        Assert.Equal("0", Scalar(store, "SELECT COUNT(*) FROM task_stories"));
    }

    [Fact]
    public void ApplyRetention_DeletedRuns_TakeTheirStoriesWithThem()
    {
        var store = _harness.Open(maxRuns: 1);
        var older = TestRuns.Fixed(id: "r1");
        var newer = TestRuns.Fixed(id: "r2");
        newer = newer with { Header = newer.Header with { Info = newer.Info with { StartedAt = newer.Info.StartedAt.AddMinutes(1) } } };
        Write(store, older);
        WriteStories(store, "r1", [Story(1010, []), Story(1020, [])]);
        Write(store, newer);
        WriteStories(store, "r2", [Story(1010, [])]);

        Assert.Equal(1, store.ApplyRetention());

        Assert.Equal(["r2"], store.ListRuns().Select(r => r.Id));
        Assert.Equal("0", Scalar(store, "SELECT COUNT(*) FROM task_stories WHERE run_id = 'r1'"));
        Assert.Equal(1, store.CountStories("r2"));
    }

    [Fact]
    public void StoriesToKeep_WorstBlocksFirstThenTheNewestSamples_BoundedAndOnlyWhatTheRingStillHolds()
    {
        var retained = new RetainedTasks(100, spanCapacity: 800);
        foreach (var id in Enumerable.Range(1, 10))
        {
            retained.Add(Record(id, parentId: id == 4 ? 3 : 0));
        }

        IReadOnlyList<SlowStepInfo> worst = [new(7, "blocker", "blocker", 200, 3), new(3, "blocker", "blocker", 150, 2)];
        IReadOnlyList<RunSnapshot> history = [SampledSnapshot(1, 1, 2), SampledSnapshot(2, 5, 99, 7, 6)];

        Assert.Equal([7L, 3, 5, 6], StoriesToKeep.Select(retained, worst, history, 4).Select(s => s.Task.Id));
        Assert.Equal([7L, 3, 5, 6, 1, 2], StoriesToKeep.Select(retained, worst, history, 100).Select(s => s.Task.Id));
        Assert.Empty(StoriesToKeep.Select(retained, worst, history, 0));
        var blocker = StoriesToKeep.Select(retained, worst, history, 2)[1];
        Assert.Equal([4L], blocker.Children.Select(c => c.Task.Id));
        Assert.Equal(TaskStorySources.Live, blocker.Source);
    }

    private static void WriteStories(RunStore store, string runId, IReadOnlyList<TaskStory> stories)
    {
        using var batch = store.BeginBatch();
        batch.ReplaceStories(runId, stories);
        batch.Commit();
    }

    private static TaskStory Story(long id, IReadOnlyList<long> childIds)
    {
        var task = TestRuns.Fixed().Snapshots[0].Samples[0] with { Id = id, Reason = "task" };
        return new TaskStory(
            task,
            [],
            childIds.Select(c => new TaskStoryChild(task with { Id = c, ParentId = id, Reason = "child" }, [])).ToArray(),
            task.Timeline.Select(s => new TaskStorySpan(s.State, s.StartMs, s.DurationMs)).ToArray(),
            false);
    }

    private static RunSnapshot SampledSnapshot(int sequence, params long[] ids) =>
        TestRuns.Snapshot("run", sequence) with { Samples = ids.Select(id => TestRuns.Fixed().Snapshots[0].Samples[0] with { Id = id }).ToArray() };

    private static TaskRecord Record(long id, long parentId) => new()
    {
        Id = id,
        ParentId = parentId,
        Name = $"task {id}",
        Kind = "hello",
        Outcome = TaskOutcome.RanToCompletion,
        CreatedTimestamp = 0,
        CompletedTimestamp = 10,
        AwakeTicks = 10,
        WaitingTicks = 0,
        AsleepTicks = 0,
    };
}
