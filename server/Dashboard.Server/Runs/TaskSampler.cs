using Dashboard.EventLoop;

namespace Dashboard.Server.Runs;

/// <summary>
/// Picks an interval's sample of tasks in fixed memory: the slowest few (a min-heap on lifetime)
/// and a few at random (reservoir sampling), so every task had the same chance to be shown.
/// </summary>
internal sealed class TaskSampler(int slowest, int random, int seed)
{
    private readonly PriorityQueue<TaskRecord, long> _slowest = new();
    private readonly TaskRecord[] _reservoir = new TaskRecord[random];
    private readonly Random _random = new(seed);
    private long _seen;

    public void Offer(TaskRecord record)
    {
        _seen++;
        if (_reservoir.Length > 0)
        {
            if (_seen <= _reservoir.Length)
            {
                _reservoir[_seen - 1] = record;
            }
            else
            {
                var slot = _random.NextInt64(_seen);
                if (slot < _reservoir.Length)
                {
                    _reservoir[slot] = record;
                }
            }
        }

        if (slowest == 0)
        {
            return;
        }

        if (_slowest.Count < slowest)
        {
            _slowest.Enqueue(record, record.LifetimeTicks);
        }
        else if (_slowest.TryPeek(out _, out var fastestKept) && record.LifetimeTicks > fastestKept)
        {
            _slowest.DequeueEnqueue(record, record.LifetimeTicks);
        }
    }

    /// <summary>The sample (slowest first, then random ones not already in it), and a fresh start.</summary>
    public IReadOnlyList<(TaskRecord Record, string Reason)> TakeAndReset()
    {
        var result = new List<(TaskRecord, string)>(_slowest.Count + _reservoir.Length);
        var slow = new List<TaskRecord>(_slowest.Count);
        while (_slowest.TryDequeue(out var record, out _))
        {
            slow.Add(record);
        }

        slow.Reverse();
        var taken = new HashSet<long>();
        foreach (var record in slow)
        {
            taken.Add(record.Id);
            result.Add((record, "slowest"));
        }

        var filled = (int)Math.Min(_seen, _reservoir.Length);
        for (var i = 0; i < filled; i++)
        {
            if (taken.Add(_reservoir[i].Id))
            {
                result.Add((_reservoir[i], "random"));
            }

            _reservoir[i] = null!;
        }

        _seen = 0;
        return result;
    }
}
