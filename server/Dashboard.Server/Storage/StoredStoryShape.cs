using Dashboard.Contracts.Runs;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Storage;

/// <summary>
/// How a story is kept in the store, bounded whatever the task: the task and its timeline whole;
/// its relatives with their three times but not their spans (the page draws a relative's bar from
/// its times; a connection's spans would be most of the bytes); at most
/// Storage:MaxStoredStoryChildren children, each with at most as many children, the rest counted.
/// </summary>
internal static class StoredStoryShape
{
    public static TaskStory ForStorage(TaskStory story, int maxChildren)
    {
        var children = story.Children.Take(maxChildren)
            .Select(c => new TaskStoryChild(
                Relative(c.Task),
                c.Children.Take(maxChildren).Select(Relative).ToArray(),
                c.OmittedChildren + Math.Max(0, c.Children.Count - maxChildren)))
            .ToArray();
        return story with
        {
            // The task's spans are the story's timeline: kept once, put back by FromStorage.
            Task = story.Task with { Timeline = [] },
            Ancestors = story.Ancestors.Select(Relative).ToArray(),
            Children = children,
            Source = TaskStorySources.Stored,
            OmittedChildren = story.OmittedChildren + Math.Max(0, story.Children.Count - maxChildren),
        };
    }

    public static TaskStory FromStorage(TaskStory stored) => stored with
    {
        Task = stored.Task with { Timeline = stored.Timeline.Select(s => new TaskSpanInfo(s.State, s.StartMs, s.DurationMs)).ToArray() },
        Source = TaskStorySources.Stored,
    };

    private static TaskSample Relative(TaskSample task) => task with { Timeline = [] };
}
