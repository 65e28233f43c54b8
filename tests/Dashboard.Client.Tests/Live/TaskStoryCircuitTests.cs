using Bunit;
using Dashboard.Client.Live;
using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Client.Tests.Live;

/// <summary>A live task's story in a circuit: read again at each update of its run, until the task or the run ends.</summary>
public sealed class TaskStoryCircuitTests : BunitContext
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _time = new();
    private readonly DashboardUiOptions _options = new() { LiveRefresh = Refresh };
    private readonly Dictionary<long, RunTaskStory> _stories = [];
    private readonly RunFeeds _feeds;
    private RunDetails _run = RunFixtures.Details(null, RunFixtures.Snapshot(1));
    private FakeRunDirectory _directory;

    public TaskStoryCircuitTests()
    {
        _directory = new FakeRunDirectory([_run], _stories);
        _feeds = new RunFeeds(runId => RunView.Feed(new DirectoryOf(() => _directory), runId, _options, _time));
        Services.AddSingleton(Options.Create(_options));
        Services.AddSingleton<IRunFeeds>(_feeds);
        Services.AddSingleton<IRunDirectory>(_ => new DirectoryOf(() => _directory));
        LiveCircuit.Start(this);
    }

    [Fact]
    public void AliveTask_GrowsAtEachUpdateOfItsRun_ThenShowsHowItEndedAndStopsFollowing()
    {
        _stories[7] = Alive(lifetime: 100, children: 1);
        var page = Render<TaskStory>(p => p.Add(c => c.RunId, RunFixtures.RunId).Add(c => c.TaskId, 7L));

        Assert.Equal("alive · growing as it runs", page.Find("[data-story-status]").TextContent);
        Assert.Equal("100", page.Find("[data-figure=lifetime]").TextContent);
        Assert.Equal(1, _feeds.Count);

        // The run moves on: the task is older and has another child.
        _stories[7] = Alive(lifetime: 600, children: 2);
        Advance(2);
        page.WaitForAssertion(() => Assert.Equal("600", page.Find("[data-figure=lifetime]").TextContent));
        Assert.Equal(2, page.FindAll(".task-children > li").Count);

        // The task ends: its final story, and nothing more is followed.
        _stories[7] = Alive(lifetime: 700, children: 2) with { Task = Alive(700, 2).Task with { Outcome = "RanToCompletion" } };
        Advance(3);
        page.WaitForAssertion(() => Assert.Equal("completed", page.Find("[data-outcome]").TextContent));
        Assert.Empty(page.FindAll("[data-story-status]"));
        Assert.Equal(0, _feeds.Count);
    }

    [Fact]
    public void CompletedTask_IsNotFollowed()
    {
        _stories[5] = new RunTaskStory(RunFixtures.Sample(5), [], [], [], false);

        Render<TaskStory>(p => p.Add(c => c.RunId, RunFixtures.RunId).Add(c => c.TaskId, 5L));

        Assert.Equal(0, _feeds.Count);
    }

    [Fact]
    public void AliveTask_TheRunEnds_KeepsTheLastStoryAndSaysItWasAliveWhenLastRead()
    {
        _stories[7] = Alive(lifetime: 100, children: 0);
        var page = Render<TaskStory>(p => p.Add(c => c.RunId, RunFixtures.RunId).Add(c => c.TaskId, 7L));

        // The run ended and the task's story is no longer to be had (the loop let it go).
        _stories.Remove(7);
        _run = RunFixtures.Details(RunFixtures.Info(RunStatus.Stopped), RunFixtures.Snapshot(1), RunFixtures.Snapshot(2));
        _directory = new FakeRunDirectory([_run], _stories);
        _feeds.Changed(RunFixtures.RunId);
        _time.Advance(Refresh);

        page.WaitForAssertion(() => Assert.Equal("alive when last read", page.Find("[data-story-status]").TextContent));
        Assert.Equal("100", page.Find("[data-figure=lifetime]").TextContent);
        Assert.Equal(0, _feeds.Count);
    }

    private void Advance(int sequence)
    {
        _run = RunFixtures.Details(null, [.. Enumerable.Range(1, sequence).Select(i => RunFixtures.Snapshot(i))]);
        _directory = new FakeRunDirectory([_run], _stories);
        _feeds.Changed(RunFixtures.RunId);
        _time.Advance(Refresh);
    }

    private static RunTaskStory Alive(double lifetime, int children) => new(
        RunFixtures.Sample(7, name: "conn 127.0.0.1:5000", lifetime: lifetime, kind: "server/connection") with { Outcome = TaskOutcomes.Running, ParentId = 1 },
        [],
        [.. Enumerable.Range(0, children).Select(i => new RunTaskStoryChild(RunFixtures.Sample(100 + i), []))],
        [new TaskSpanInfo("asleep", 0, lifetime)],
        false);

    /// <summary>Whatever directory the test holds now (runs and stories change as a real one's do).</summary>
    private sealed class DirectoryOf(Func<IRunDirectory> current) : IRunDirectory
    {
        public IReadOnlyList<RunInfo> List() => current().List();

        public RunDetails? Find(string runId) => current().Find(runId);

        public Task<RunTaskStory?> TaskStoryAsync(string runId, long taskId, CancellationToken cancellationToken = default) =>
            current().TaskStoryAsync(runId, taskId, cancellationToken);

        public DesignSeries? FindSeries(string seriesId) => current().FindSeries(seriesId);
    }
}
