namespace Dashboard.EventLoop;

/// <summary>Where a task is at an instant (DESIGN.md, "The three times").</summary>
public enum TaskState
{
    /// <summary>Runnable: one of its continuations is queued (or its first step has not run).</summary>
    Waiting,

    /// <summary>One of its continuations is executing on the loop thread.</summary>
    Awake,

    /// <summary>Nothing of it is queued or running: it awaits I/O, a timer, a child or offloaded work.</summary>
    Asleep,

    /// <summary>Finished: ran to completion, faulted or was cancelled.</summary>
    Completed,
}

/// <summary>How a task ended.</summary>
public enum TaskOutcome
{
    RanToCompletion,
    Faulted,
    Cancelled,
}

/// <summary>One stretch of a task's life in one state, in loop clock ticks.</summary>
public readonly record struct TaskSpan(TaskState State, long Start, long End);
