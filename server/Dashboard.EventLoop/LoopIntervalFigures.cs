namespace Dashboard.EventLoop;

/// <summary>The loop's figures for one interval (at least <see cref="EventLoopOptions.FigureInterval"/> long).</summary>
public sealed record LoopIntervalFigures
{
    public required long Sequence { get; init; }

    /// <summary>The loop these figures are of (<see cref="EventLoop.Index"/>).</summary>
    public int LoopIndex { get; init; }

    /// <summary>Wall-clock time at the end of the interval.</summary>
    public required DateTimeOffset At { get; init; }

    public required long StartTimestamp { get; init; }

    public required long EndTimestamp { get; init; }

    public TimeSpan Duration => LoopClock.ToTimeSpan(EndTimestamp - StartTimestamp);

    /// <summary>Busy time / wall time, 0..1.</summary>
    public required double Utilization { get; init; }

    public required long BusyTicks { get; init; }

    public required long Steps { get; init; }

    public required double StepsPerSecond { get; init; }

    public required int ReadyDepthMax { get; init; }

    /// <summary>Time-weighted mean ready-queue depth.</summary>
    public required double ReadyDepthMean { get; init; }

    public required TimerLagFigures TimerLag { get; init; }

    public required int TasksAlive { get; init; }

    public required long TasksCreated { get; init; }

    public required long TasksCompleted { get; init; }

    public required long TasksFaulted { get; init; }

    public required long TasksCancelled { get; init; }

    /// <summary>Slow steps in the interval, including those beyond the kept list.</summary>
    public required int SlowStepCount { get; init; }

    public required IReadOnlyList<SlowStep> SlowSteps { get; init; }

    /// <summary>Completed-task records dropped so far because no consumer kept up (cumulative).</summary>
    public required long RecordsDropped { get; init; }

    /// <summary>Callbacks outside any task that threw in the interval (the loop went on).</summary>
    public required long CallbackErrors { get; init; }
}

/// <summary>Timer lag (the step that served a timer started this long after its due time).</summary>
public sealed record TimerLagFigures(long Count, double MeanMs, double P50Ms, double P99Ms, double MaxMs);

/// <summary>
/// A single step that held the loop longer than the slow-step threshold — a blocker — and the
/// tasks it made wait (its victims).
/// Victims are always tasks of the blocker's own loop: other loops have their own queues and went on.
/// </summary>
public sealed record SlowStep(long TaskId, string TaskName, string Kind, double DurationMs, long StartTimestamp, int QueuedBehind, Victims Victims)
{
    /// <summary>The loop the blocker held.</summary>
    public int LoopIndex { get; init; }
}
