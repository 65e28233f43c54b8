namespace Dashboard.EventLoop;

/// <summary>
/// What the loop reports about a task once it completes. Times are loop clock ticks
/// (<see cref="LoopClock"/>), and AwakeTicks + WaitingTicks + AsleepTicks == Lifetime exactly.
/// </summary>
public sealed record TaskRecord
{
    public required long Id { get; init; }

    /// <summary>0 for a root task.</summary>
    public required long ParentId { get; init; }

    /// <summary>The loop the task ran on (<see cref="EventLoop.Index"/>).</summary>
    public int LoopIndex { get; init; }

    public required string Name { get; init; }

    public required string Kind { get; init; }

    public string? Tag { get; init; }

    public required TaskOutcome Outcome { get; init; }

    /// <summary>
    /// True for a live task's record so far (<see cref="EventLoop.GetLiveTaskAsync"/>):
    /// <see cref="CompletedTimestamp"/> is when it was read, and <see cref="Outcome"/> is not known yet.
    /// </summary>
    public bool Running { get; init; }

    public string? Error { get; init; }

    public required long CreatedTimestamp { get; init; }

    public required long CompletedTimestamp { get; init; }

    public required long AwakeTicks { get; init; }

    public required long WaitingTicks { get; init; }

    public required long AsleepTicks { get; init; }

    /// <summary>The part of waiting that was loop-timer lateness (due → noticed by the loop).</summary>
    public long TimerLatenessTicks { get; init; }

    /// <summary>Creation → first step.</summary>
    public long FirstRunDelayTicks { get; init; }

    public int Steps { get; init; }

    public long LongestStepTicks { get; init; }

    /// <summary>Times the task went from asleep to waiting.</summary>
    public int Wakeups { get; init; }

    /// <summary>The first spans of the task's timeline (bounded by EventLoopOptions.MaxSpansPerTask).</summary>
    public IReadOnlyList<TaskSpan> Spans { get; init; } = [];

    public bool SpansTruncated { get; init; }

    public long LifetimeTicks => CompletedTimestamp - CreatedTimestamp;

    public TimeSpan Awake => LoopClock.ToTimeSpan(AwakeTicks);

    public TimeSpan Waiting => LoopClock.ToTimeSpan(WaitingTicks);

    public TimeSpan Asleep => LoopClock.ToTimeSpan(AsleepTicks);

    public TimeSpan Lifetime => LoopClock.ToTimeSpan(LifetimeTicks);
}

/// <summary>
/// A live task as it stands (<see cref="EventLoop.GetLiveTaskAsync"/>): its record so far, its
/// live ancestors (nearest first) and its live children (the newest first, up to the query's
/// limit; <see cref="OmittedChildren"/> more).
/// </summary>
public sealed record LiveTaskTree(TaskRecord Task, IReadOnlyList<TaskRecord> Ancestors, IReadOnlyList<TaskRecord> Children, int OmittedChildren);

/// <summary>A live task as a tree query sees it, with its times so far.</summary>
public sealed record LiveTaskInfo
{
    public required long Id { get; init; }

    public required long ParentId { get; init; }

    /// <summary>The loop the task runs on.</summary>
    public int LoopIndex { get; init; }

    public required string Name { get; init; }

    public required string Kind { get; init; }

    public string? Tag { get; init; }

    public required TaskState State { get; init; }

    public long CreatedTimestamp { get; init; }

    public long AgeTicks { get; init; }

    public long AwakeTicks { get; init; }

    public long WaitingTicks { get; init; }

    public long AsleepTicks { get; init; }

    public int Steps { get; init; }

    public int Children { get; init; }

    public bool IsObserved { get; init; }
}
