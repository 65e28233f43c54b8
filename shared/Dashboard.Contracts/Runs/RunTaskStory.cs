namespace Dashboard.Contracts.Runs;

/// <summary>
/// One task's story (<c>GET /api/runs/{id}/tasks/{taskId}</c>): the task, its ancestors (nearest
/// first) and its children that are still retained, the spans of its life, where the story came
/// from (<see cref="TaskStorySources"/>) and how many children a stored story left out
/// (Storage:MaxStoredStoryChildren; always 0 for a live one).
/// </summary>
public sealed record RunTaskStory(
    TaskSample Task,
    IReadOnlyList<TaskSample> Ancestors,
    IReadOnlyList<RunTaskStoryChild> Children,
    IReadOnlyList<TaskSpanInfo> Timeline,
    bool TimelineTruncated,
    string Source = TaskStorySources.Live,
    int OmittedChildren = 0);

/// <summary>A child task and its own children, and how many of those a stored story left out.</summary>
public sealed record RunTaskStoryChild(TaskSample Task, IReadOnlyList<TaskSample> Children, int OmittedChildren = 0);

/// <summary>How a task ended, as <see cref="TaskSample.Outcome"/> says it, beside the loop's own outcomes (RanToCompletion, Faulted, Cancelled).</summary>
public static class TaskOutcomes
{
    /// <summary>The task is still alive: its figures are as of the moment its story was read.</summary>
    public const string Running = "Running";
}

/// <summary>Where a task's story came from; it says how complete its relatives are.</summary>
public static class TaskStorySources
{
    /// <summary>From the task records a run in memory retains (Runs:MaxRetainedTasks most recent).</summary>
    public const string Live = "live";

    /// <summary>Built from those records when the run ended and stored with it (Storage:MaxStoredStories per run).</summary>
    public const string Stored = "stored";

    /// <summary>Rebuilt from the run's stored task samples: relatives appear only where they were sampled too.</summary>
    public const string Sampled = "sampled";
}
