using Dashboard.Contracts.Loop;

namespace Dashboard.Contracts.Runs;

/// <summary>
/// One interval of a run, as the live hub streams it and history stores it: load figures, loop
/// figures, where the completed tasks' time went, and a small sample of tasks.
/// </summary>
public sealed record RunSnapshot
{
    public required string RunId { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Seconds since the run's start at the interval's end (a warm-up included).</summary>
    public required double ElapsedSeconds { get; init; }

    public required double IntervalSeconds { get; init; }

    /// <summary>0..1 of the planned duration.</summary>
    public required double Progress { get; init; }

    public required string Phase { get; init; }

    public double? TargetRate { get; init; }

    public int? TargetUsers { get; init; }

    public required LoadFigures Load { get; init; }

    /// <summary>The loop's latest interval figures (null before the loop's first interval).</summary>
    public LoopInterval? Loop { get; init; }

    /// <summary>Awake / waiting / asleep of the tasks that completed in this interval.</summary>
    public required TaskBreakdown Tasks { get; init; }

    /// <summary>The slowest tasks of the interval and a few random ones.</summary>
    public required IReadOnlyList<TaskSample> Samples { get; init; }

    public required IReadOnlyList<ThresholdState> Thresholds { get; init; }

    /// <summary>Predicted mean waiting (M/G/1, Kingman) beside the measured one for this interval's requests.</summary>
    public WaitingPrediction? Prediction { get; init; }

    /// <summary>The sweep so far (every step), for a scenario with a sweep phase.</summary>
    public SweepReport? Sweep { get; init; }

    /// <summary>
    /// True for a snapshot whose interval lies in the scenario's warm-up (<c>warmUp</c>, before the
    /// measured phases): its figures are the warm-up's own and count in no statistic, threshold or
    /// verdict of the run, so charts draw it greyed. The warm-up's intervals come first and end
    /// exactly where it ends (<see cref="RunInfo.WarmUpSeconds"/>).
    /// </summary>
    public bool WarmUp { get; init; }
}

/// <summary>Client-side figures of one interval.</summary>
public sealed record LoadFigures
{
    public long Requests { get; init; }

    public long Successes { get; init; }

    public long Failures { get; init; }

    public double ThroughputPerSecond { get; init; }

    /// <summary>Failures as a fraction (0..1) of the requests that ended.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Answers by status code ("200": 1234).</summary>
    public IReadOnlyDictionary<string, long> StatusCodes { get; init; } = new Dictionary<string, long>();

    /// <summary>Failures without an answer, by kind (timeout, refused, reset, other).</summary>
    public IReadOnlyDictionary<string, long> ErrorKinds { get; init; } = new Dictionary<string, long>();

    /// <summary>Latency from the intended send time (no coordinated omission).</summary>
    public required LatencyFigures Corrected { get; init; }

    /// <summary>Latency from the actual send.</summary>
    public required LatencyFigures Raw { get; init; }

    public int InFlight { get; init; }

    /// <summary>Arrivals the in-flight cap refused.</summary>
    public long Dropped { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencyFigures(double P50Ms, double P75Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs)
{
    public static LatencyFigures Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>Where the time went for the tasks that completed in an interval, overall and per kind.</summary>
public sealed record TaskBreakdown(TaskKindBreakdown Overall, IReadOnlyList<TaskKindBreakdown> Kinds)
{
    /// <summary>With several loops, each loop's tasks of the interval in loop order (kind "loop N"); empty with one loop.</summary>
    public IReadOnlyList<TaskKindBreakdown> Loops { get; init; } = [];
}

/// <summary>One task with its three times, in milliseconds.</summary>
public sealed record TaskSample
{
    public required long Id { get; init; }

    public required long ParentId { get; init; }

    public required string Name { get; init; }

    public required string Kind { get; init; }

    /// <summary>The loop the task ran on.</summary>
    public int Loop { get; init; }

    public string? CorrelationId { get; init; }

    public required string Outcome { get; init; }

    public required double LifetimeMs { get; init; }

    public required double AwakeMs { get; init; }

    public required double WaitingMs { get; init; }

    public required double AsleepMs { get; init; }

    /// <summary>The part of waiting that was loop-timer lateness.</summary>
    public double TimerLatenessMs { get; init; }

    public int Steps { get; init; }

    public double LongestStepMs { get; init; }

    /// <summary>When the task was created, in ms after its run began (null where unknown); places the task in a trace.</summary>
    public double? CreatedAtMs { get; init; }

    /// <summary>"slowest" or "random": why this task is in the sample.</summary>
    public required string Reason { get; init; }

    /// <summary>The task's first spans (bounded by EventLoop:MaxSpansPerTask), for its timeline and trace exports.</summary>
    public IReadOnlyList<TaskSpanInfo> Timeline { get; init; } = [];

    /// <summary>True when the task had more spans than were kept.</summary>
    public bool TimelineTruncated { get; init; }
}

/// <summary>One stretch of a task's life: state (awake, waiting, asleep), start in ms after the task's creation, duration in ms.</summary>
public sealed record TaskSpanInfo(string State, double StartMs, double DurationMs);

/// <summary>A threshold's state: null Passed while it cannot be judged yet.</summary>
public sealed record ThresholdState(string Expression, bool? Passed, double? Actual, string? Message);
