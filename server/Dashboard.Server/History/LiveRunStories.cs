using Dashboard.Server.Runs;

namespace Dashboard.Server.History;

/// <summary>The stories of a run still in memory that are worth storing with it when it ends.</summary>
internal interface ILiveRunStories
{
    /// <summary>At most <paramref name="max"/> stories (<see cref="StoriesToKeep"/>); empty when the run is no longer in memory.</summary>
    IReadOnlyList<TaskStory> StoriesToStore(string runId, int max);
}

/// <summary>Stories from the retained task records of the runs in <see cref="RunManager"/>.</summary>
internal sealed class LiveRunStories(RunManager runs) : ILiveRunStories
{
    public IReadOnlyList<TaskStory> StoriesToStore(string runId, int max) =>
        max > 0 && runs.Find(runId) is { } run
            ? StoriesToKeep.Select(run.Window.Retained, run.Window.WorstBlocks(), run.History(), max)
            : [];
}
