using Dashboard.EventLoop;

namespace Dashboard.Server.Runs;

/// <summary>
/// The most recent task records of a run, by id, in a fixed-size ring: enough to draw a sampled
/// task's tree (its parent connection, its children) and timeline after the fact.
/// </summary>
/// <remarks>
/// Kept as values, not as the records themselves: a record lives here for seconds (20,000 at a
/// few thousand requests a second), so as an object with its span array it would be promoted
/// twice by the GC and die in gen2 (the soak benchmark saw gen1 pauses of 11 ms instead of 4).
/// The ring holds structs, the spans share one circular buffer, and repeated names share one
/// string; a record is rebuilt when a story asks for it. Both arrays grow on demand up to their
/// limits, so a short run does not pay for a long one's capacity.
/// </remarks>
internal sealed class RetainedTasks
{
    private const int InitialSize = 1_024;
    private const int MaxInternedNames = 4_096;
    private readonly Lock _gate = new();
    private readonly int _capacity;
    private readonly int _spanCapacity;
    private readonly Dictionary<long, int> _slotById = [];
    private readonly Dictionary<long, List<long>> _childrenByParent = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private RetainedTask[] _ring = [];
    private TaskSpan[] _spans = [];
    private long _spansWritten;
    private int _count;
    private int _next;

    /// <param name="capacity">Records kept (the most recent).</param>
    /// <param name="spanCapacity">Timeline spans kept over all of them; a retained record whose
    /// spans were overwritten by newer ones comes back with an empty, truncated timeline.</param>
    public RetainedTasks(int capacity, int spanCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(spanCapacity);
        _capacity = capacity;
        _spanCapacity = spanCapacity;
    }

    public void Add(TaskRecord record)
    {
        if (_capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_count == _ring.Length && _ring.Length < _capacity)
            {
                // Before the first wrap the ring is in arrival order, so growing keeps every slot;
                // the next record goes after the last (the cursor had wrapped to 0 at the old size).
                Array.Resize(ref _ring, Math.Min(_capacity, Math.Max(InitialSize, _ring.Length * 2)));
                _next = _count;
            }

            if (_count == _ring.Length)
            {
                Evict(_ring[_next]);
            }
            else
            {
                _count++;
            }

            _ring[_next] = Retain(record);
            _slotById[record.Id] = _next;
            if (!_childrenByParent.TryGetValue(record.ParentId, out var children))
            {
                children = [];
                _childrenByParent[record.ParentId] = children;
            }

            children.Add(record.Id);
            _next = (_next + 1) % _ring.Length;
        }
    }

    public TaskRecord? Find(long id)
    {
        lock (_gate)
        {
            return _slotById.TryGetValue(id, out var slot) ? Rebuild(in _ring[slot]) : null;
        }
    }

    /// <summary>Retained children of <paramref name="parentId"/>, oldest first.</summary>
    public IReadOnlyList<TaskRecord> ChildrenOf(long parentId)
    {
        lock (_gate)
        {
            return _childrenByParent.TryGetValue(parentId, out var ids)
                ? ids.Select(id => Rebuild(in _ring[_slotById[id]])).ToArray()
                : [];
        }
    }

    private void Evict(in RetainedTask evicted)
    {
        _slotById.Remove(evicted.Id);
        if (_childrenByParent.TryGetValue(evicted.ParentId, out var siblings))
        {
            siblings.Remove(evicted.Id);
            if (siblings.Count == 0)
            {
                _childrenByParent.Remove(evicted.ParentId);
            }
        }
    }

    private RetainedTask Retain(TaskRecord record)
    {
        var spans = record.Spans;
        var kept = Math.Min(spans.Count, _spanCapacity);
        var firstSpan = _spansWritten;
        for (var i = 0; i < kept; i++)
        {
            AppendSpan(spans[i]);
        }

        return new RetainedTask
        {
            Id = record.Id,
            ParentId = record.ParentId,
            Name = Intern(record.Name),
            Kind = Intern(record.Kind),
            Tag = record.Tag,
            Outcome = record.Outcome,
            Running = record.Running,
            Error = record.Error,
            CreatedTimestamp = record.CreatedTimestamp,
            CompletedTimestamp = record.CompletedTimestamp,
            AwakeTicks = record.AwakeTicks,
            WaitingTicks = record.WaitingTicks,
            AsleepTicks = record.AsleepTicks,
            TimerLatenessTicks = record.TimerLatenessTicks,
            FirstRunDelayTicks = record.FirstRunDelayTicks,
            Steps = record.Steps,
            LongestStepTicks = record.LongestStepTicks,
            Wakeups = record.Wakeups,
            FirstSpan = firstSpan,
            SpanCount = kept,
            SpansTruncated = record.SpansTruncated || kept < spans.Count,
        };
    }

    private void AppendSpan(TaskSpan span)
    {
        if (_spansWritten == _spans.Length && _spans.Length < _spanCapacity)
        {
            // Not wrapped yet: span number n still sits at index n after growing.
            Array.Resize(ref _spans, Math.Min(_spanCapacity, Math.Max(InitialSize * 8, _spans.Length * 2)));
        }

        _spans[(int)(_spansWritten % _spans.Length)] = span;
        _spansWritten++;
    }

    private TaskRecord Rebuild(in RetainedTask task)
    {
        // Spans older than the buffer's length have been overwritten by newer tasks' spans.
        var spansKept = task.SpanCount > 0 && task.FirstSpan >= _spansWritten - _spans.Length;
        var spans = new TaskSpan[spansKept ? task.SpanCount : 0];
        for (var i = 0; i < spans.Length; i++)
        {
            spans[i] = _spans[(int)((task.FirstSpan + i) % _spans.Length)];
        }

        return new TaskRecord
        {
            Id = task.Id,
            ParentId = task.ParentId,
            Name = task.Name,
            Kind = task.Kind,
            Tag = task.Tag,
            Outcome = task.Outcome,
            Running = task.Running,
            Error = task.Error,
            CreatedTimestamp = task.CreatedTimestamp,
            CompletedTimestamp = task.CompletedTimestamp,
            AwakeTicks = task.AwakeTicks,
            WaitingTicks = task.WaitingTicks,
            AsleepTicks = task.AsleepTicks,
            TimerLatenessTicks = task.TimerLatenessTicks,
            FirstRunDelayTicks = task.FirstRunDelayTicks,
            Steps = task.Steps,
            LongestStepTicks = task.LongestStepTicks,
            Wakeups = task.Wakeups,
            Spans = spans,
            SpansTruncated = task.SpansTruncated || (task.SpanCount > 0 && !spansKept),
        };
    }

    /// <summary>One copy of each repeated name ("GET /w/io-bound" is built anew for every request), up to a bound.</summary>
    private string Intern(string name)
    {
        if (_names.TryGetValue(name, out var shared))
        {
            return shared;
        }

        if (_names.Count < MaxInternedNames)
        {
            _names[name] = name;
        }

        return name;
    }

    /// <summary>A task record's values; its spans are <see cref="SpanCount"/> entries of the shared buffer from span number <see cref="FirstSpan"/>.</summary>
    private struct RetainedTask
    {
        public long Id;
        public long ParentId;
        public string Name;
        public string Kind;
        public string? Tag;
        public string? Error;
        public TaskOutcome Outcome;
        public bool Running;
        public bool SpansTruncated;
        public long CreatedTimestamp;
        public long CompletedTimestamp;
        public long AwakeTicks;
        public long WaitingTicks;
        public long AsleepTicks;
        public long TimerLatenessTicks;
        public long FirstRunDelayTicks;
        public int Steps;
        public long LongestStepTicks;
        public int Wakeups;
        public long FirstSpan;
        public int SpanCount;
    }
}
