namespace Dashboard.Contracts.Runs;

/// <summary>
/// One task's story (<c>GET /api/runs/{id}/tasks/{taskId}</c>): the task, its ancestors (nearest
/// first) and its children that are still retained, and the spans of its life.
/// </summary>
public sealed record RunTaskStory(
    TaskSample Task,
    IReadOnlyList<TaskSample> Ancestors,
    IReadOnlyList<RunTaskStoryChild> Children,
    IReadOnlyList<TaskSpan> Timeline,
    bool TimelineTruncated);

/// <summary>A child task and its own children.</summary>
public sealed record RunTaskStoryChild(TaskSample Task, IReadOnlyList<TaskSample> Children);

/// <summary>A stretch of a task's life: "awake", "waiting" or "asleep", when it began (ms after the task was created) and how long it lasted (ms).</summary>
public sealed record TaskSpan(string State, double StartMs, double DurationMs);
