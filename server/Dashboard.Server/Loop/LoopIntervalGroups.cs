using Dashboard.Contracts.Loop;

namespace Dashboard.Server.Loop;

/// <summary>
/// Groups the intervals of several loops into intervals of the whole group, each loop's interval
/// in exactly one group. Loops tick on their own clocks, so a group closes when every loop has
/// reported, or early when a loop reports a second time before the others (a loop held by a long
/// step reports late, and its interval joins a later group). One loop: each interval is its own group.
/// Not thread-safe; the caller serializes.
/// </summary>
/// <param name="capacity">The most loops there can be.</param>
/// <param name="loopCount">The loops there are now (<see cref="LoopCount"/> grows when more start).</param>
internal sealed class LoopIntervalGroups(int capacity, int loopCount)
{
    private readonly LoopInterval?[] _pending = new LoopInterval?[capacity];
    private readonly long[] _starts = new long[capacity];
    private readonly long[] _ends = new long[capacity];
    private long _sequence;
    private int _loopCount = loopCount;

    /// <summary>The loops a group waits for; raise it when a loop starts.</summary>
    public int LoopCount
    {
        get => _loopCount;
        set => _loopCount = Math.Clamp(Math.Max(value, _loopCount), 1, capacity);
    }

    /// <summary>Adds loop <paramref name="interval"/>'s figures; returns the groups this closes (none, one, or two).</summary>
    public IReadOnlyList<LoopIntervalGroup> Add(LoopInterval interval, long startTimestamp, long endTimestamp)
    {
        if (_loopCount == 1)
        {
            return [new LoopIntervalGroup(interval, startTimestamp, endTimestamp)];
        }

        var index = interval.Loop ?? 0;
        List<LoopIntervalGroup>? closed = null;
        if (_pending[index] is not null)
        {
            (closed ??= []).Add(Close());
        }

        _pending[index] = interval;
        _starts[index] = startTimestamp;
        _ends[index] = endTimestamp;
        if (AllReported())
        {
            (closed ??= []).Add(Close());
        }

        return closed ?? (IReadOnlyList<LoopIntervalGroup>)[];
    }

    private bool AllReported()
    {
        for (var i = 0; i < _loopCount; i++)
        {
            if (_pending[i] is null)
            {
                return false;
            }
        }

        return true;
    }

    private LoopIntervalGroup Close()
    {
        var members = new List<LoopInterval>(_loopCount);
        long start = long.MaxValue, end = long.MinValue;
        for (var i = 0; i < _loopCount; i++)
        {
            if (_pending[i] is { } member)
            {
                members.Add(member);
                start = Math.Min(start, _starts[i]);
                end = Math.Max(end, _ends[i]);
                _pending[i] = null;
            }
        }

        return new LoopIntervalGroup(Combine(++_sequence, members), start, end);
    }

    /// <summary>
    /// The total of several loops' intervals: utilization is the loops' mean (busy over the loops'
    /// summed wall time); counts, rates and ready-queue depths are summed (the deepest total is an
    /// upper bound: the loops' deepest moments need not coincide); the worst loop gives the timer
    /// lag's p99 and maximum, and its median is the loops' medians weighted by their timer counts.
    /// </summary>
    public static LoopInterval Combine(long sequence, IReadOnlyList<LoopInterval> members)
    {
        var wall = members.Sum(m => m.DurationMs);
        var timers = members.Sum(m => m.TimerCount);
        return new LoopInterval
        {
            Sequence = sequence,
            Loop = null,
            Loops = members,
            At = members.Max(m => m.At),
            DurationMs = members.Average(m => m.DurationMs),
            Utilization = wall > 0 ? members.Sum(m => m.Utilization * m.DurationMs) / wall : 0,
            Steps = members.Sum(m => m.Steps),
            StepsPerSecond = members.Sum(m => m.StepsPerSecond),
            ReadyDepthMax = members.Sum(m => m.ReadyDepthMax),
            ReadyDepthMean = members.Sum(m => m.ReadyDepthMean),
            TimerCount = timers,
            TimerLagP50Ms = timers > 0 ? members.Sum(m => m.TimerLagP50Ms * m.TimerCount) / timers : 0,
            TimerLagP99Ms = members.Max(m => m.TimerLagP99Ms),
            TimerLagMaxMs = members.Max(m => m.TimerLagMaxMs),
            TasksAlive = members.Sum(m => m.TasksAlive),
            SlowStepCount = members.Sum(m => m.SlowStepCount),
            SlowSteps = members.SelectMany(m => m.SlowSteps).OrderByDescending(s => s.DurationMs).ToArray(),
        };
    }
}

/// <summary>An interval of the loop group (or of the one loop), with where it began and ended on the loop clock.</summary>
internal sealed record LoopIntervalGroup(LoopInterval Interval, long StartTimestamp, long EndTimestamp);
