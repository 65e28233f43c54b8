using Dashboard.Contracts.Runs;
using Dashboard.EventLoop;

namespace Dashboard.Server.Runs;

/// <summary>
/// One task's story: the task, its ancestors and children that are still retained, its timeline
/// spans, where it came from (<see cref="TaskStorySources"/>: the live ring, a story stored at
/// the run's end, or one rebuilt from stored samples) and how many children a stored story left out.
/// </summary>
internal sealed record TaskStory(
    TaskSample Task,
    IReadOnlyList<TaskSample> Ancestors,
    IReadOnlyList<TaskStoryChild> Children,
    IReadOnlyList<TaskStorySpan> Timeline,
    bool TimelineTruncated,
    string Source = TaskStorySources.Live,
    int OmittedChildren = 0)
{
    public static TaskStory? Build(RetainedTasks retained, long taskId)
    {
        if (retained.Find(taskId) is not { } record)
        {
            return null;
        }

        var ancestors = new List<TaskSample>();
        for (var parent = retained.Find(record.ParentId); parent is not null && ancestors.Count < 16; parent = retained.Find(parent.ParentId))
        {
            ancestors.Add(RunTaskWindow.ToSample(parent, "ancestor"));
        }

        var children = RetainedChildren(retained, taskId).ToArray();
        var task = RunTaskWindow.ToSample(record, "task");
        var timeline = task.Timeline.Select(s => new TaskStorySpan(s.State, s.StartMs, s.DurationMs)).ToArray();
        return new TaskStory(task, ancestors, children, timeline, record.SpansTruncated);
    }

    /// <summary>
    /// A task still alive on the loop: its record so far (outcome <see cref="TaskOutcomes.Running"/>),
    /// its live ancestors, and its children, the live ones first and then those completed and
    /// still retained (with their own retained children).
    /// </summary>
    public static TaskStory Alive(LiveTaskTree alive, RetainedTasks retained)
    {
        TaskSample Running(TaskRecord record, string reason) => RunTaskWindow.ToSample(record, reason) with { Outcome = TaskOutcomes.Running };

        var task = Running(alive.Task, "task");
        var children = alive.Children
            .Select(c => new TaskStoryChild(Running(c, "child"), []))
            .Concat(RetainedChildren(retained, alive.Task.Id))
            .ToArray();
        var timeline = task.Timeline.Select(s => new TaskStorySpan(s.State, s.StartMs, s.DurationMs)).ToArray();
        return new TaskStory(task, alive.Ancestors.Select(a => Running(a, "ancestor")).ToArray(), children, timeline, alive.Task.SpansTruncated, OmittedChildren: alive.OmittedChildren);
    }

    /// <summary>A task's completed children still retained, each with its own retained children.</summary>
    private static IEnumerable<TaskStoryChild> RetainedChildren(RetainedTasks retained, long taskId) =>
        retained.ChildrenOf(taskId)
            .Select(c => new TaskStoryChild(RunTaskWindow.ToSample(c, "child"), retained.ChildrenOf(c.Id).Select(g => RunTaskWindow.ToSample(g, "grandchild")).ToArray()));

    /// <summary>The page contract's shape of the story.</summary>
    public RunTaskStory ToContract() => new(
        Task,
        Ancestors,
        Children.Select(c => new RunTaskStoryChild(c.Task, c.Children, c.OmittedChildren)).ToArray(),
        Timeline.Select(s => new TaskSpanInfo(s.State, s.StartMs, s.DurationMs)).ToArray(),
        TimelineTruncated,
        Source,
        OmittedChildren);
}

/// <summary>A child task and its own children, and how many of those a stored story left out.</summary>
internal sealed record TaskStoryChild(TaskSample Task, IReadOnlyList<TaskSample> Children, int OmittedChildren = 0);

/// <summary>A stretch of the task's life: its state, when it began (ms after creation) and how long it lasted.</summary>
internal sealed record TaskStorySpan(string State, double StartMs, double DurationMs);
