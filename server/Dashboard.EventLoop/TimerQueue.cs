namespace Dashboard.EventLoop;

/// <summary>
/// The loop's timers: a heap ordered by due time then creation order, owned by the loop thread.
/// Cancelled timers are skipped lazily and purged when they dominate the heap, as asyncio does.
/// </summary>
internal sealed class TimerQueue
{
    private const int PurgeMinimum = 256;
    private readonly PriorityQueue<TimerHandle, (long Due, long Sequence)> _heap = new();
    private long _sequence;

    public int Count => _heap.Count;

    public void Add(TimerHandle timer) => _heap.Enqueue(timer, (timer.Due, _sequence++));

    /// <summary>Due time of the nearest live timer, or <see cref="long.MaxValue"/> when none.</summary>
    public long NextDue()
    {
        while (_heap.TryPeek(out var timer, out var key))
        {
            if (!timer.IsCancelled)
            {
                return key.Due;
            }

            _heap.Dequeue();
        }

        return long.MaxValue;
    }

    /// <summary>Removes and returns the earliest live timer due at or before <paramref name="now"/>.</summary>
    public bool TryTakeDue(long now, out TimerHandle timer)
    {
        while (_heap.TryPeek(out timer!, out var key) && key.Due <= now)
        {
            _heap.Dequeue();
            if (!timer.IsCancelled)
            {
                return true;
            }
        }

        timer = null!;
        return false;
    }

    /// <summary>
    /// Rebuilds the heap without cancelled timers when most entries are dead (called once per
    /// figure interval, so a workload that cancels many long timers does not grow the heap).
    /// </summary>
    public void PurgeIfMostlyCancelled()
    {
        if (_heap.Count < PurgeMinimum)
        {
            return;
        }

        var live = new List<(TimerHandle, (long, long))>(_heap.Count);
        foreach (var (timer, key) in _heap.UnorderedItems)
        {
            if (!timer.IsCancelled)
            {
                live.Add((timer, key));
            }
        }

        if (live.Count * 2 > _heap.Count)
        {
            return;
        }

        _heap.Clear();
        _heap.EnqueueRange(live);
    }

    /// <summary>Live timers due at or before <paramref name="deadline"/> (an O(n) scan: for rare diagnostics only).</summary>
    public IEnumerable<TimerHandle> DueBy(long deadline)
    {
        foreach (var (timer, key) in _heap.UnorderedItems)
        {
            if (key.Due <= deadline && !timer.IsCancelled)
            {
                yield return timer;
            }
        }
    }

    public void Clear() => _heap.Clear();
}
