using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;

namespace Dashboard.Server.Runs;

/// <summary>
/// The stories a run's pages link to, built from the run's retained task records while it is
/// still in memory, so they can be stored with the run: its worst single blocks first (the
/// blockers panel), then the tasks sampled in its last snapshots, newest first (the sample tables
/// and task bars), until <c>max</c>. A task no longer in the ring has no story to keep.
/// </summary>
internal static class StoriesToKeep
{
    public static IReadOnlyList<TaskStory> Select(RetainedTasks retained, IReadOnlyList<SlowStepInfo> worstBlocks, IReadOnlyList<RunSnapshot> history, int max)
    {
        if (max <= 0)
        {
            return [];
        }

        var stories = new List<TaskStory>();
        var seen = new HashSet<long>(); // bounded by the candidates: worst blocks plus the samples of the kept history
        foreach (var id in Candidates(worstBlocks, history))
        {
            if (stories.Count >= max)
            {
                break;
            }

            if (seen.Add(id) && TaskStory.Build(retained, id) is { } story)
            {
                stories.Add(story);
            }
        }

        return stories;
    }

    private static IEnumerable<long> Candidates(IReadOnlyList<SlowStepInfo> worstBlocks, IReadOnlyList<RunSnapshot> history)
    {
        foreach (var block in worstBlocks)
        {
            yield return block.TaskId;
        }

        for (var i = history.Count - 1; i >= 0; i--)
        {
            foreach (var sample in history[i].Samples)
            {
                yield return sample.Id;
            }
        }
    }
}
