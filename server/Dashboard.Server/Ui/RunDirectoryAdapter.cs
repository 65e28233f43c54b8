using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Runs;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Ui;

/// <summary>
/// The run pages' view of the runs: the same data the runs REST API answers, live runs from
/// <see cref="RunManager"/> and stored ones (after a restart) from <see cref="RunHistory"/>.
/// </summary>
internal sealed class RunDirectoryAdapter(RunManager runs, RunHistory history, RunTaskStories stories, IOptions<RunOptions> options) : IRunDirectory
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

    public DesignSeries? FindSeries(string seriesId) => history.Series(seriesId);

    /// <summary>Stories of live runs come from their retained records or the loop, of stored runs from the store (<see cref="RunTaskStories"/>).</summary>
    public async Task<RunTaskStory?> TaskStoryAsync(string runId, long taskId, CancellationToken cancellationToken = default) =>
        (await stories.FindAsync(runId, taskId, cancellationToken)).Story?.ToContract();
}
