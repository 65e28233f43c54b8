using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Tests.Live;

/// <summary>A loop whose next interval the test makes; counts how often it is read.</summary>
internal sealed class SteppingLoopSource : ILoopStatusSource
{
    private readonly List<LoopInterval> _intervals = [];

    public int Reads { get; private set; }

    public LoopInterval Next()
    {
        var interval = LoopFixtures.Interval() with
        {
            Sequence = _intervals.Count + 1,
            At = new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero).AddSeconds(_intervals.Count),
            Utilization = 0.01 * _intervals.Count,
        };
        _intervals.Add(interval);
        return interval;
    }

    public LoopStatus Status()
    {
        Reads++;
        return LoopFixtures.Status(_intervals.Count == 0 ? null : _intervals[^1]);
    }

    public IReadOnlyList<LoopInterval> RecentIntervals() => _intervals.ToArray();
}

/// <summary>A run list the test changes; counts how often it is read.</summary>
internal sealed class ChangingRunDirectory : IRunDirectory
{
    private readonly List<RunInfo> _runs = [];

    public int Reads { get; private set; }

    public void Put(RunInfo run)
    {
        _runs.RemoveAll(r => r.Id == run.Id);
        _runs.Insert(0, run);
    }

    public IReadOnlyList<RunInfo> List()
    {
        Reads++;
        return _runs.ToArray();
    }

    public RunDetails? Find(string runId) => null;

    public Task<RunTaskStory?> TaskStoryAsync(string runId, long taskId, CancellationToken cancellationToken = default) => Task.FromResult<RunTaskStory?>(null);

    public DesignSeries? FindSeries(string seriesId) => null;
}
