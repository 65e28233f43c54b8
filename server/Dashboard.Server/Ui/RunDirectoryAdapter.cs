using Dashboard.Contracts.Runs;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Ui;

/// <summary>The run pages' view of <see cref="RunManager"/>: the same data the runs REST API answers.</summary>
internal sealed class RunDirectoryAdapter(RunManager runs) : IRunDirectory
{
    public IReadOnlyList<RunInfo> List() => runs.List();

    public RunDetails? Find(string runId) =>
        runs.Find(runId) is { } run ? new RunDetails(run.Info(), run.Scenario, run.History()) : null;

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
