using Dashboard.Server.Loop;
using Dashboard.Server.Runs;
using Dashboard.Server.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.History;

/// <summary>
/// A task's story wherever it is kept: from the retained records of a run in memory first; for a
/// running run, from the loop itself when the task is still alive (its record so far, its live
/// relatives and its completed children); else from the store (the story kept at the run's end,
/// or one rebuilt from its samples), so the task links of a stored run's page still lead
/// somewhere after a restart.
/// </summary>
internal sealed class RunTaskStories(RunManager runs, RunStore store, EventLoopHost loops, IOptions<StorageOptions> storage)
{
    public async Task<TaskStoryLookup> FindAsync(string runId, long taskId, CancellationToken cancellationToken = default)
    {
        var live = runs.Find(runId);
        if (live is not null && TaskStory.Build(live.Window.Retained, taskId) is { } story)
        {
            return TaskStoryLookup.Found(story);
        }

        if (live is { IsRunning: true }
            && loops.LoopOfTask(taskId) is { } loop
            && await loop.GetLiveTaskAsync(taskId, storage.Value.MaxStoredStoryChildren).WaitAsync(cancellationToken) is { } alive)
        {
            return TaskStoryLookup.Found(TaskStory.Alive(alive, live.Window.Retained));
        }

        if (!store.RunExists(runId))
        {
            return live is null
                ? TaskStoryLookup.UnknownRun
                : TaskStoryLookup.UnknownTask($"task {taskId} is neither alive on the loop nor among the run's retained tasks (Runs:MaxRetainedTasks most recent)");
        }

        if (store.FindStory(runId, taskId) is { } stored)
        {
            return TaskStoryLookup.Found(stored);
        }

        return TaskStoryLookup.UnknownTask(live is null
            ? $"task {taskId} has no story stored with run {runId} (Storage:MaxStoredStories, kept at the run's end) and is not among its stored task samples (Storage:MaxSnapshotsPerRun newest intervals)"
            : $"task {taskId} is not among the run's retained tasks (Runs:MaxRetainedTasks most recent) nor its stored task samples");
    }
}

/// <summary>A story, or why there is none: the run is unknown, or the task is (<see cref="Missing"/> says where it was looked for).</summary>
internal sealed record TaskStoryLookup(TaskStory? Story, bool RunKnown, string Missing)
{
    public static TaskStoryLookup UnknownRun { get; } = new(null, false, "");

    public static TaskStoryLookup Found(TaskStory story) => new(story, true, "");

    public static TaskStoryLookup UnknownTask(string missing) => new(null, true, missing);
}
