namespace Dashboard.Client.Live;

/// <summary>The live feeds of runs, one per run someone is looking at.</summary>
public interface IRunFeeds
{
    /// <summary>
    /// The feed of a run's view, shared by everyone who looks at that run, until the returned
    /// lease is disposed. A run id that is not kept gets a feed too: its view says so.
    /// </summary>
    RunFeedLease Open(string runId);
}

/// <summary>A viewer's hold on a run's feed; disposing it lets the feed go once nobody else holds it.</summary>
public sealed class RunFeedLease(ILiveFeed<RunView> feed, Action release) : IDisposable
{
    private int _released;

    public ILiveFeed<RunView> Feed { get; } = feed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}

/// <summary>
/// One <see cref="LiveFeed{T}"/> per run being looked at, made on the first look and dropped
/// with the last lease, so the feeds are bounded by the tabs open (themselves bounded by the
/// circuits the host keeps), not by the runs ever viewed. The host calls <see cref="Changed"/>
/// for every snapshot and change of a run; a run nobody looks at costs a dictionary lookup.
/// </summary>
public sealed class RunFeeds(Func<string, LiveFeed<RunView>> create) : IRunFeeds
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _feeds = new(StringComparer.Ordinal);

    /// <summary>Runs with at least one viewer (for the tests and the benchmark).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _feeds.Count;
            }
        }
    }

    public RunFeedLease Open(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        Entry entry;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(runId, out entry!))
            {
                entry = new Entry(create(runId));
                _feeds[runId] = entry;
            }

            entry.Leases++;
        }

        return new RunFeedLease(entry.Feed, () => Release(runId, entry));
    }

    /// <summary>The run changed (a snapshot, a new state): its viewers get the new view within one refresh.</summary>
    public void Changed(string runId)
    {
        LiveFeed<RunView>? feed;
        lock (_gate)
        {
            feed = _feeds.TryGetValue(runId, out var entry) ? entry.Feed : null;
        }

        // Outside the lock: a feed takes its own, and may read nothing now.
        feed?.Changed();
    }

    private void Release(string runId, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Leases > 0 || !_feeds.TryGetValue(runId, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            _feeds.Remove(runId);
        }

        entry.Feed.Dispose();
    }

    private sealed class Entry(LiveFeed<RunView> feed)
    {
        public LiveFeed<RunView> Feed { get; } = feed;

        public int Leases { get; set; }
    }
}
