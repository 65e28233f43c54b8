using Dashboard.Client.Live;
using Dashboard.Contracts.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Client.Tests.Live;

public sealed class RunFeedsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RunsOnFile _directory = new();
    private readonly RunFeeds _feeds;

    public RunFeedsTests() =>
        _feeds = new RunFeeds(runId => RunView.Feed(_directory, runId, new DashboardUiOptions(), _time));

    [Fact]
    public void Open_TwoViewersOfARun_ShareOneFeedThatGoesWithTheLastLease()
    {
        _directory.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1)));
        var first = _feeds.Open(RunFixtures.RunId);
        var second = _feeds.Open(RunFixtures.RunId);

        Assert.Same(first.Feed, second.Feed);
        Assert.Equal(1, _feeds.Count);
        first.Dispose();
        first.Dispose(); // twice counts once
        Assert.Equal(1, _feeds.Count);
        second.Dispose();

        Assert.Equal(0, _feeds.Count);
        Assert.Throws<ObjectDisposedException>(() => second.Feed.Subscribe(_ => Task.CompletedTask));
        Assert.NotSame(first.Feed, _feeds.Open(RunFixtures.RunId).Feed);
    }

    [Fact]
    public void Changed_RunNobodyLooksAt_ReadsNothing()
    {
        _directory.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1)));

        _feeds.Changed(RunFixtures.RunId);
        _feeds.Changed("another");

        Assert.Equal(0, _directory.Reads);
        Assert.Equal(0, _feeds.Count);
    }

    [Fact]
    public async Task Changed_RunWithAViewer_DeliversTheNewViewWithinOneRefresh()
    {
        _directory.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1)));
        using var lease = _feeds.Open(RunFixtures.RunId);
        Assert.Equal(1, lease.Feed.Current.Latest!.Sequence);
        var delivered = new TaskCompletionSource<RunView>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = lease.Feed.Subscribe(view =>
        {
            delivered.TrySetResult(view);
            return Task.CompletedTask;
        });

        _directory.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1), RunFixtures.Snapshot(2)));
        _feeds.Changed(RunFixtures.RunId);
        _time.Advance(new DashboardUiOptions().LiveRefresh);

        Assert.Equal(2, (await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10))).Latest!.Sequence);
    }

    [Fact]
    public void Open_UnknownRun_GetsAViewSayingSo()
    {
        using var lease = _feeds.Open("nope");

        Assert.Null(lease.Feed.Current.Run);
        Assert.Equal("nope", lease.Feed.Current.RunId);
    }
}

/// <summary>Runs the test puts and changes; counts how often one is read.</summary>
internal sealed class RunsOnFile : IRunDirectory
{
    private readonly Dictionary<string, RunDetails> _runs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public void Put(RunDetails run)
    {
        lock (_gate)
        {
            _runs[run.Info.Id] = run;
        }
    }

    public IReadOnlyList<RunInfo> List()
    {
        lock (_gate)
        {
            return _runs.Values.Select(r => r.Info).ToArray();
        }
    }

    public RunDetails? Find(string runId)
    {
        Interlocked.Increment(ref _reads);
        lock (_gate)
        {
            return _runs.GetValueOrDefault(runId);
        }
    }

    public Task<RunTaskStory?> TaskStoryAsync(string runId, long taskId, CancellationToken cancellationToken = default) => Task.FromResult<RunTaskStory?>(null);

    public DesignSeries? FindSeries(string seriesId) => null;
}
