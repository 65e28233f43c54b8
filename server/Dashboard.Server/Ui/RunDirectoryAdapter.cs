using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Runs;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Ui;

/// <summary>
/// The run pages' view of the runs: the same data the runs REST API answers, live runs from
/// <see cref="RunManager"/> and stored ones (after a restart) from <see cref="RunHistory"/>.
/// </summary>
internal sealed class RunDirectoryAdapter(RunManager runs, RunHistory history, IOptions<RunOptions> options) : IRunDirectory
{
    public IReadOnlyList<RunInfo> List() => history.List();

    public RunDetails? Find(string runId)
    {
        if (runs.Find(runId) is { } run)
        {
            return new RunDetails(run.Info(), run.Scenario, run.History());
        }

        if (history.Detail(runId) is not { } stored)
        {
            return null;
        }

        return new RunDetails(stored.Run, stored.Scenario, history.RecentSnapshots(runId, options.Value.SnapshotHistory));
    }

    /// <summary>Stories come from the records a live run retains; a stored run keeps task samples, not records.</summary>
    public RunTaskStory? TaskStory(string runId, long taskId)
    {
        if (runs.Find(runId) is not { } run || Runs.TaskStory.Build(run.Window.Retained, taskId) is not { } story)
        {
            return null;
        }

        return new RunTaskStory(
            story.Task,
            story.Ancestors,
            story.Children.Select(c => new RunTaskStoryChild(c.Task, c.Children)).ToArray(),
            story.Timeline.Select(s => new TaskSpanInfo(s.State, s.StartMs, s.DurationMs)).ToArray(),
            story.TimelineTruncated);
    }
}
