namespace Dashboard.Contracts.Loop;

/// <summary>
/// What <c>GET /api/loop</c> answers: the loops' live figures (totals over every loop, and
/// <see cref="Loops"/> one by one) and the per-kind task breakdown.
/// </summary>
public sealed record LoopStatus
{
    /// <summary>Whether every loop runs.</summary>
    public required bool Running { get; init; }

    public required int TasksAlive { get; init; }

    public required long TasksCreated { get; init; }

    public required long TasksCompleted { get; init; }

    /// <summary>Completed-task records the loop dropped because consumers fell behind.</summary>
    public required long RecordsDropped { get; init; }

    /// <summary>The most recent interval, or null before the first one ended.</summary>
    public LoopInterval? Latest { get; init; }

    /// <summary>Awake / waiting / asleep per task kind, for tasks completed since the host started.</summary>
    public required IReadOnlyList<TaskKindBreakdown> Kinds { get; init; }

    /// <summary>The embedded loop server's connections, requests and refusals; null before it started.</summary>
    public LoopServerStatus? Server { get; init; }

    /// <summary>Each loop's own figures, in loop order (one entry with a single loop).</summary>
    public IReadOnlyList<LoopThreadStatus> Loops { get; init; } = [];

    /// <summary>The process pool behind <c>process</c> steps; null where the host has none.</summary>
    public ProcessPoolStatus? ProcessPool { get; init; }

    /// <summary>
    /// Work items queued to the host's thread pool now, beside the loop's ready queue: offloaded
    /// work and synchronous handlers (<c>/sync/w</c>, <c>/private-loop/w</c>) wait there, not on the loop.
    /// </summary>
    public long ThreadPoolQueued { get; init; }

    /// <summary>The host's thread-pool threads now.</summary>
    public int ThreadPoolThreads { get; init; }
}

/// <summary>One loop of several: its thread's task counts, its share of the connections and its latest interval.</summary>
public sealed record LoopThreadStatus
{
    /// <summary>0 for the first loop.</summary>
    public required int Index { get; init; }

    /// <summary>Its thread's name.</summary>
    public required string Name { get; init; }

    public required bool Running { get; init; }

    public required int TasksAlive { get; init; }

    public required long TasksCreated { get; init; }

    public required long TasksCompleted { get; init; }

    /// <summary>Open connections the server gave this loop.</summary>
    public int OpenConnections { get; init; }

    /// <summary>Requests this loop has served since start.</summary>
    public long Requests { get; init; }

    /// <summary>Its most recent interval, or null before the first one ended.</summary>
    public LoopInterval? Latest { get; init; }

    /// <summary>Awake / waiting / asleep of every task this loop completed since the host started; null before the first.</summary>
    public TaskKindBreakdown? Tasks { get; init; }

    /// <summary>
    /// The per-kind table of this loop alone, most frequent first: tasks it completed while several
    /// loops ran (empty with one loop, whose table is the host's). At most <c>LoopTelemetry:MaxKindsPerLoop</c> kinds.
    /// </summary>
    public IReadOnlyList<TaskKindBreakdown> Kinds { get; init; } = [];
}

/// <summary>
/// The loop's figures over one interval. Times in milliseconds; utilization 0..1. With several
/// loops, an interval of the whole group holds one interval of each loop in <see cref="Loops"/>
/// and totals them: utilization is the loops' mean, counts, rates and queue depths are summed,
/// and the worst loop gives the timer lag's p99 and maximum.
/// </summary>
public sealed record LoopInterval
{
    public required long Sequence { get; init; }

    /// <summary>The loop these figures are of; null for the total of several loops.</summary>
    public int? Loop { get; init; }

    /// <summary>The loops' own intervals that this total combines, in loop order; empty for one loop's interval.</summary>
    public IReadOnlyList<LoopInterval> Loops { get; init; } = [];

    public required DateTimeOffset At { get; init; }

    public required double DurationMs { get; init; }

    public required double Utilization { get; init; }

    public required long Steps { get; init; }

    public required double StepsPerSecond { get; init; }

    public required int ReadyDepthMax { get; init; }

    public required double ReadyDepthMean { get; init; }

    public required long TimerCount { get; init; }

    public required double TimerLagP50Ms { get; init; }

    public required double TimerLagP99Ms { get; init; }

    public required double TimerLagMaxMs { get; init; }

    public required int TasksAlive { get; init; }

    public required int SlowStepCount { get; init; }

    public required IReadOnlyList<SlowStepInfo> SlowSteps { get; init; }
}

/// <summary>A single step that held the loop longer than the slow-step threshold (a blocker), with its victims.</summary>
public sealed record SlowStepInfo(long TaskId, string TaskName, string Kind, double DurationMs, int QueuedBehind)
{
    /// <summary>Tasks that were ready while it ran: queued before it, timers due during it, made ready by other threads.</summary>
    public int VictimCount { get; init; }

    /// <summary>The waiting it caused them, summed (ms).</summary>
    public double VictimWaitingMs { get; init; }

    /// <summary>The worst-hit kinds of victims.</summary>
    public IReadOnlyList<VictimKindInfo> VictimKinds { get; init; } = [];

    /// <summary>The loop the blocker held; its victims are that loop's tasks only.</summary>
    public int Loop { get; init; }
}

/// <summary>Victims of one kind: how many tasks and the waiting (ms) the blocker caused them.</summary>
public sealed record VictimKindInfo(string Kind, int Count, double WaitingMs);

/// <summary>Where the time of one kind of task went.</summary>
public sealed record TaskKindBreakdown
{
    public required string Kind { get; init; }

    public required long Count { get; init; }

    public required long Faulted { get; init; }

    public required long Cancelled { get; init; }

    public required TimeFigures Awake { get; init; }

    public required TimeFigures Waiting { get; init; }

    public required TimeFigures Asleep { get; init; }

    public required TimeFigures Lifetime { get; init; }
}

/// <summary>Sum and distribution of one of the three times, in milliseconds.</summary>
public sealed record TimeFigures(double SumMs, double MeanMs, double P50Ms, double P99Ms, double MaxMs);

/// <summary>A live task with its times so far (milliseconds), for the live task tree.</summary>
public sealed record LiveTask(
    long Id,
    long ParentId,
    string Name,
    string Kind,
    string? Tag,
    string State,
    double AgeMs,
    double AwakeMs,
    double WaitingMs,
    double AsleepMs,
    int Steps,
    int Children)
{
    /// <summary>The loop the task runs on.</summary>
    public int Loop { get; init; }
}
