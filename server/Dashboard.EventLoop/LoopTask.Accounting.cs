namespace Dashboard.EventLoop;

/// <summary>
/// The task's clock-keeping. Every field here is touched only on the loop thread. Each state
/// change adds the time since the previous change to the bucket of the state being left, so
/// awake + waiting + asleep == last transition − created, exactly, in loop ticks.
/// </summary>
public partial class LoopTask
{
    private long _created;
    private long _lastTransition;
    private long _awake;
    private long _waiting;
    private long _asleep;
    private long _timerLateness;
    private long _firstRunDelay = -1;
    private long _longestStep;
    private int _steps;
    private int _wakeups;
    private int _queued;
    private TaskState _state = TaskState.Waiting;
    private TaskSpan[]? _spans;
    private int _spanCount;
    private bool _spansTruncated;

    // Live-tree links (loop thread only): O(1) unlinking however many children a task has.
    internal LoopTask? FirstChild;
    internal LoopTask? NextSibling;
    internal LoopTask? PreviousSibling;
    internal bool IsRegistered;
    internal bool IsFinalized;
    internal bool BodyFinished;
    internal TaskOutcome Outcome;
    internal Exception? Error;

    internal TaskState State => _state;

    internal long Created => _created;

    internal void StartClock(long created)
    {
        _created = created;
        _lastTransition = created;
        _state = TaskState.Waiting;
        _queued = 1; // the first step is queued from the instant of creation
    }

    /// <summary>A continuation of this task entered the ready queue, ready since <paramref name="readyAt"/>.</summary>
    internal void MarkReady(long readyAt, int maxSpans)
    {
        _queued++;
        if (_state == TaskState.Asleep)
        {
            BecomeWaiting(readyAt, maxSpans);
        }
    }

    /// <summary>
    /// A loop timer of this task fired: it has been ready since <paramref name="due"/>, though the
    /// loop only noticed at <paramref name="noticed"/>; the difference is kept as timer lateness.
    /// </summary>
    internal void MarkReadyFromTimer(long due, long noticed, int maxSpans)
    {
        _queued++;
        if (_state == TaskState.Asleep)
        {
            var readyAt = BecomeWaiting(due, maxSpans);
            _timerLateness += noticed - readyAt;
        }
    }

    internal void BeginStep(long start, int maxSpans)
    {
        _queued--;
        if (_state == TaskState.Waiting)
        {
            _waiting += start - _lastTransition;
        }
        else
        {
            // Only reachable if an item bypassed MarkReady; keep the invariant by booking it as asleep.
            _asleep += start - _lastTransition;
        }

        AddSpan(_state, start, maxSpans);
        _lastTransition = start;
        _state = TaskState.Awake;
        if (_steps == 0)
        {
            _firstRunDelay = start - _created;
        }

        _steps++;
    }

    internal void EndStep(long end, int maxSpans)
    {
        var step = end - _lastTransition;
        _awake += step;
        if (step > _longestStep)
        {
            _longestStep = step;
        }

        AddSpan(TaskState.Awake, end, maxSpans);
        _lastTransition = end;
        _state = _queued > 0 ? TaskState.Waiting : TaskState.Asleep;
    }

    /// <summary>Closes the books at <paramref name="completed"/> and returns the task's record.</summary>
    internal TaskRecord Finish(long completed, int maxSpans)
    {
        switch (_state)
        {
            case TaskState.Waiting:
                _waiting += completed - _lastTransition;
                break;
            case TaskState.Asleep:
                _asleep += completed - _lastTransition;
                break;
            case TaskState.Awake:
                _awake += completed - _lastTransition;
                break;
        }

        if (completed > _lastTransition)
        {
            AddSpan(_state, completed, maxSpans);
        }

        _lastTransition = completed;
        _state = TaskState.Completed;
        return Record(completed, _awake, _waiting, _asleep, _spans is null ? [] : _spans.AsSpan(0, _spanCount).ToArray(), _spansTruncated, running: false);
    }

    /// <summary>
    /// The task's record as it stands at <paramref name="now"/>, its books left open: the stretch
    /// since its last change counts in its state up to now and ends its timeline (for live
    /// queries; <see cref="TaskRecord.Running"/> says the outcome is not known yet).
    /// </summary>
    internal TaskRecord SoFar(long now, int maxSpans)
    {
        var open = Math.Max(0, now - _lastTransition);
        var addOpen = open > 0 && maxSpans > 0 && _spanCount < maxSpans;
        var spans = new TaskSpan[_spanCount + (addOpen ? 1 : 0)];
        _spans?.AsSpan(0, _spanCount).CopyTo(spans);
        if (addOpen)
        {
            spans[^1] = new TaskSpan(_state, _lastTransition, now);
        }

        return Record(
            now,
            _awake + (_state == TaskState.Awake ? open : 0),
            _waiting + (_state == TaskState.Waiting ? open : 0),
            _asleep + (_state == TaskState.Asleep ? open : 0),
            spans,
            _spansTruncated || (open > 0 && maxSpans > 0 && !addOpen),
            running: true);
    }

    /// <summary>The record of the task's books up to <paramref name="end"/> (its completion, or now for a live query).</summary>
    private TaskRecord Record(long end, long awake, long waiting, long asleep, TaskSpan[] spans, bool truncated, bool running) => new()
    {
        Id = Id,
        ParentId = Parent?.Id ?? 0,
        LoopIndex = Loop.Index,
        Name = Name,
        Kind = Kind,
        Tag = Tag,
        Outcome = Outcome,
        Running = running,
        Error = Error is null ? null : $"{Error.GetType().Name}: {Error.Message}",
        CreatedTimestamp = _created,
        CompletedTimestamp = end,
        AwakeTicks = awake,
        WaitingTicks = waiting,
        AsleepTicks = asleep,
        TimerLatenessTicks = _timerLateness,
        FirstRunDelayTicks = Math.Max(0, _firstRunDelay),
        Steps = _steps,
        LongestStepTicks = _longestStep,
        Wakeups = _wakeups,
        Spans = spans,
        SpansTruncated = truncated,
    };

    /// <summary>The task's figures so far, as of <paramref name="now"/> (for live queries).</summary>
    internal LiveTaskInfo Describe(long now)
    {
        var open = now - _lastTransition;
        var childCount = 0;
        for (var child = FirstChild; child is not null; child = child.NextSibling)
        {
            childCount++;
        }

        return new LiveTaskInfo
        {
            Id = Id,
            ParentId = Parent?.Id ?? 0,
            LoopIndex = Loop.Index,
            Name = Name,
            Kind = Kind,
            Tag = Tag,
            State = _state,
            CreatedTimestamp = _created,
            AgeTicks = now - _created,
            AwakeTicks = _awake + (_state == TaskState.Awake ? open : 0),
            WaitingTicks = _waiting + (_state == TaskState.Waiting ? open : 0),
            AsleepTicks = _asleep + (_state == TaskState.Asleep ? open : 0),
            Steps = _steps,
            Children = childCount,
            IsObserved = IsObserved,
        };
    }

    private long BecomeWaiting(long readyAt, int maxSpans)
    {
        // Ready "in the past" (a remote post stamped before the task's last step ended) counts from then.
        if (readyAt < _lastTransition)
        {
            readyAt = _lastTransition;
        }

        _asleep += readyAt - _lastTransition;
        AddSpan(TaskState.Asleep, readyAt, maxSpans);
        _lastTransition = readyAt;
        _state = TaskState.Waiting;
        _wakeups++;
        return readyAt;
    }

    private void AddSpan(TaskState state, long end, int maxSpans)
    {
        if (end <= _lastTransition || maxSpans == 0)
        {
            return;
        }

        if (_spanCount == maxSpans)
        {
            _spansTruncated = true;
            return;
        }

        if (_spans is null || _spanCount == _spans.Length)
        {
            Array.Resize(ref _spans, Math.Min(maxSpans, Math.Max(4, _spanCount * 2)));
        }

        _spans[_spanCount++] = new TaskSpan(state, _lastTransition, end);
    }
}
