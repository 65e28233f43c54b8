using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Runs;
using Dashboard.Server.Storage;
using Dashboard.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Server.Tests.Storage;

public sealed class RunRecorderTests : IDisposable
{
    private readonly StoreHarness _harness = new();
    private readonly FakeEvents _events = new();
    private readonly FakeLiveRuns _live = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task QueueFull_DropsTheOldestSnapshotsCountsThemAndKeepsStartAndEnd()
    {
        var store = _harness.Open();
        var options = _harness.Options();
        options.QueueCapacity = 16;
        await using var recorder = new RunRecorder(store, _events, _live, _live, Microsoft.Extensions.Options.Options.Create(options), NullLogger<RunRecorder>.Instance);
        var run = TestRuns.Fixed(intervals: 40);
        _live.Header = run.Header with { Info = run.Info with { Status = RunStatus.Running } };

        // The writer is not started yet: everything queues, as when the disk falls behind.
        recorder.OnRunChanged(_live.Header.Info);
        foreach (var snapshot in run.Snapshots)
        {
            recorder.OnSnapshot(snapshot);
        }

        _live.Header = run.Header;
        recorder.OnRunChanged(run.Info);
        await recorder.StartAsync(CancellationToken.None);
        Assert.True(await recorder.FlushAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(24, recorder.DroppedSnapshots);
        Assert.Equal(RunStatus.Completed, store.LoadHeader(run.Info.Id)!.Info.Status);
        Assert.Equal(Enumerable.Range(25, 16).Select(i => (long)i), store.LoadSnapshots(run.Info.Id)!.Select(s => s.Sequence));
    }

    [Fact]
    public async Task Events_WhileStarted_AreWrittenAndAStopBeforeTheEndLeavesTheRunRunning()
    {
        var store = _harness.Open();
        await using var recorder = new RunRecorder(store, _events, _live, _live, Microsoft.Extensions.Options.Options.Create(_harness.Options()), NullLogger<RunRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);
        var run = TestRuns.Fixed();
        _live.Header = run.Header with { Info = run.Info with { Status = RunStatus.Running } };

        _events.Change(_live.Header.Info);
        foreach (var snapshot in run.Snapshots)
        {
            _events.Publish(snapshot);
        }

        Assert.True(await recorder.FlushAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(RunStatus.Running, store.LoadHeader(run.Info.Id)!.Info.Status);
        Assert.Equal(4, store.LoadSnapshots(run.Info.Id)!.Count);

        // Stopped before the run's end arrived: the row stays Running, for the next start to mark aborted.
        await recorder.StopAsync(CancellationToken.None);
        _events.Change(run.Info);
        Assert.Equal(RunStatus.Running, store.LoadHeader(run.Info.Id)!.Info.Status);
        Assert.False(_events.HasSubscribers);
    }

    [Fact]
    public async Task RunEnd_StoresTheRunsStoriesAskingForAtMostMaxStoredStoriesAndARunningRunNone()
    {
        var store = _harness.Open();
        var options = _harness.Options();
        options.MaxStoredStories = 2;
        await using var recorder = new RunRecorder(store, _events, _live, _live, Microsoft.Extensions.Options.Options.Create(options), NullLogger<RunRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);
        var run = TestRuns.Fixed();
        var sample = run.Snapshots[0].Samples[0];
        _live.Stories = new long[] { 1010, 1020, 1030 }.Select(id => new TaskStory(sample with { Id = id, Reason = "task" }, [], [], [], false)).ToArray();
        _live.Header = run.Header with { Info = run.Info with { Status = RunStatus.Running } };

        _events.Change(_live.Header.Info);
        Assert.True(await recorder.FlushAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, store.CountStories(run.Info.Id));
        _live.Header = run.Header;
        _events.Change(run.Info);
        Assert.True(await recorder.FlushAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal([(run.Info.Id, 2)], _live.StoriesAsked);
        Assert.Equal(2, store.CountStories(run.Info.Id));
        Assert.Equal(TaskStorySources.Stored, store.FindStory(run.Info.Id, 1020)!.Source);
    }

    [Fact]
    public async Task RunEnd_StoriesFailToBuild_TheEndIsWrittenWithoutThem()
    {
        var store = _harness.Open();
        await using var recorder = new RunRecorder(store, _events, _live, new ThrowingStories(), Microsoft.Extensions.Options.Options.Create(_harness.Options()), NullLogger<RunRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);
        var run = TestRuns.Fixed();
        _live.Header = run.Header;

        _events.Change(run.Info);
        Assert.True(await recorder.FlushAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(RunStatus.Completed, store.LoadHeader(run.Info.Id)!.Info.Status);
        Assert.Equal(0, store.CountStories(run.Info.Id));
    }

    private sealed class ThrowingStories : ILiveRunStories
    {
        public IReadOnlyList<TaskStory> StoriesToStore(string runId, int max) => throw new InvalidOperationException("the ring is gone");
    }

    private sealed class FakeEvents : IRunEvents
    {
        public event Action<RunSnapshot>? SnapshotPublished;

        public event Action<RunInfo>? RunChanged;

        public event Action<ManagedRun, Dashboard.Load.Statistics.IntervalStatistics>? IntervalMeasured;

        public bool HasSubscribers => SnapshotPublished is not null || RunChanged is not null || IntervalMeasured is not null;

        public void Publish(RunSnapshot snapshot) => SnapshotPublished?.Invoke(snapshot);

        public void Change(RunInfo info) => RunChanged?.Invoke(info);
    }

    private sealed class FakeLiveRuns : ILiveRunHeaders, ILiveRunStories
    {
        public RunHeader? Header { get; set; }

        public IReadOnlyList<TaskStory> Stories { get; set; } = [];

        public List<(string RunId, int Max)> StoriesAsked { get; } = [];

        public RunHeader? Find(string runId) => Header?.Info.Id == runId ? Header : null;

        public IReadOnlyList<TaskStory> StoriesToStore(string runId, int max)
        {
            StoriesAsked.Add((runId, max));
            return Find(runId) is null ? [] : Stories.Take(max).ToArray();
        }
    }
}
