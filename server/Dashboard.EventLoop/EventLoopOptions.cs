namespace Dashboard.EventLoop;

/// <summary>Every limit of the loop, with validated defaults (configuration section "EventLoop").</summary>
public sealed class EventLoopOptions
{
    /// <summary>Name of the loop thread, for debuggers and logs.</summary>
    public string Name { get; set; } = "event-loop";

    /// <summary>How often the loop emits its interval figures (utilization, queue depth, timer lag...).</summary>
    public TimeSpan FigureInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A single step longer than this is a slow step (asyncio's slow_callback_duration).</summary>
    public TimeSpan SlowStepThreshold { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Slow steps kept whole per interval; beyond it they are only counted.</summary>
    public int MaxSlowStepsPerInterval { get; set; } = 32;

    /// <summary>Completed-task records buffered for consumers; when full the oldest is dropped and counted.</summary>
    public int CompletedTaskBufferCapacity { get; set; } = 65_536;

    /// <summary>Interval figures buffered for consumers; when full the oldest is dropped and counted.</summary>
    public int IntervalBufferCapacity { get; set; } = 1_024;

    /// <summary>Tasks alive at once; <c>Spawn</c> refuses beyond it, which bounds the ready queue too.</summary>
    public int MaxLiveTasks { get; set; } = 200_000;

    /// <summary>Awake/waiting/asleep spans kept per task for its timeline (the first ones; 0 turns spans off).</summary>
    public int MaxSpansPerTask { get; set; } = 32;

    /// <summary>Most live tasks a tree query returns.</summary>
    public int MaxLiveTasksPerQuery { get; set; } = 10_000;

    /// <summary>Per-task accounting and loop figures. Off only to measure the bare loop's cost.</summary>
    public bool Accounting { get; set; } = true;

    /// <summary>This loop's number among <see cref="GroupSize"/> loops that serve together (0 for the first).</summary>
    public int Index { get; set; }

    /// <summary>
    /// How many loops serve together. Task ids are numbered with this stride from <see cref="Index"/>,
    /// so ids stay unique across the group and a task's id names its loop (id mod group size).
    /// </summary>
    public int GroupSize { get; set; } = 1;

    /// <summary>A copy of these options for loop <paramref name="index"/> of <paramref name="groupSize"/> (named "NAME-INDEX" when there are several).</summary>
    public EventLoopOptions ForLoop(int index, int groupSize)
    {
        var copy = (EventLoopOptions)MemberwiseClone();
        copy.Index = index;
        copy.GroupSize = groupSize;
        copy.Name = groupSize > 1 ? $"{Name}-{index}" : Name;
        return copy;
    }

    /// <summary>Every problem with these options, each naming its field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("EventLoop:Name: expected a non-empty name");
        }

        CheckRange(errors, nameof(FigureInterval), FigureInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        CheckRange(errors, nameof(SlowStepThreshold), SlowStepThreshold, TimeSpan.FromMicroseconds(100), TimeSpan.FromMinutes(1));
        CheckRange(errors, nameof(MaxSlowStepsPerInterval), MaxSlowStepsPerInterval, 0, 10_000);
        CheckRange(errors, nameof(CompletedTaskBufferCapacity), CompletedTaskBufferCapacity, 16, 10_000_000);
        CheckRange(errors, nameof(IntervalBufferCapacity), IntervalBufferCapacity, 4, 1_000_000);
        CheckRange(errors, nameof(MaxLiveTasks), MaxLiveTasks, 16, 10_000_000);
        CheckRange(errors, nameof(MaxSpansPerTask), MaxSpansPerTask, 0, 4_096);
        CheckRange(errors, nameof(MaxLiveTasksPerQuery), MaxLiveTasksPerQuery, 1, 1_000_000);
        CheckRange(errors, nameof(GroupSize), GroupSize, 1, 1_024);
        CheckRange(errors, nameof(Index), Index, 0, Math.Max(0, GroupSize - 1));
        return errors;
    }

    /// <summary>Throws with every problem listed when the options are invalid.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid event loop options: " + string.Join("; ", errors));
        }
    }

    private static void CheckRange(List<string> errors, string field, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"EventLoop:{field}: expected {min.TotalMilliseconds}ms..{max.TotalMilliseconds}ms, got {value.TotalMilliseconds}ms");
        }
    }

    private static void CheckRange(List<string> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"EventLoop:{field}: expected {min}..{max}, got {value}");
        }
    }
}
