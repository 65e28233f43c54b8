namespace Dashboard.Contracts.Runs;

/// <summary>
/// One task's story (<c>GET /api/runs/{id}/tasks/{taskId}</c>): the task, its ancestors (nearest
/// first) and its children that are still retained, and the spans of its life.
/// </summary>
public sealed record RunTaskStory(
    TaskSample Task,
    IReadOnlyList<TaskSample> Ancestors,
    IReadOnlyList<RunTaskStoryChild> Children,
    IReadOnlyList<TaskSpanInfo> Timeline,
    bool TimelineTruncated);

/// <summary>A child task and its own children.</summary>
public sealed record RunTaskStoryChild(TaskSample Task, IReadOnlyList<TaskSample> Children);

