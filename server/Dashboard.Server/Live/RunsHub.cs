using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Live;

/// <summary>
/// The live hub at <c>/hubs/runs</c>. A client subscribes to a run, receives its recent history,
/// then a snapshot per interval through its own bounded queue. Bad calls answer with a
/// <see cref="HubException"/> that names the problem; the connection stays up.
/// </summary>
internal sealed class RunsHub(RunManager runs, RunHistory history, RunSubscriptions subscriptions, IOptions<RunOptions> options) : Hub<IRunsHubClient>
{
    public const string Path = "/hubs/runs";

    public async Task Subscribe(string runId)
    {
        if (!string.IsNullOrWhiteSpace(runId) && runs.Find(runId) is null && history.Detail(runId) is { } stored)
        {
            // A stored run (from before a restart) has ended: its history and final word, nothing to follow.
            await Clients.Caller.History(runId, history.RecentSnapshots(runId, options.Value.SnapshotHistory));
            await Clients.Caller.RunChanged(stored.Run);
            return;
        }

        var run = Require(runId);
        subscriptions.Add(Context.ConnectionId, run.Id);
        await Clients.Caller.History(run.Id, run.History());
        await Clients.Caller.RunChanged(run.Info());
    }

    public Task Unsubscribe(string runId)
    {
        subscriptions.Remove(Context.ConnectionId, runId ?? "");
        return Task.CompletedTask;
    }

    public IReadOnlyList<RunInfo> ListRuns() => runs.List();

    public RunInfo Stop(string runId)
    {
        var run = Require(runId);
        run.Stop();
        return run.Info();
    }

    public RunInfo Change(string runId, RunChange change)
    {
        var run = Require(runId);
        if (change is null)
        {
            throw new HubException("change: expected {\"rate\": number} or {\"users\": integer}");
        }

        var errors = run.Change(change);
        if (errors.Count > 0)
        {
            throw new HubException(string.Join("; ", errors.Select(e => e.Path.Length == 0 ? e.Message : $"{e.Path}: {e.Message}")));
        }

        return run.Info();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private ManagedRun Require(string runId)
    {
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw new HubException("runId: expected a run id (GET /api/runs lists them)");
        }

        return runs.Find(runId) ?? throw new HubException($"runId: no run with id '{runId}' (GET /api/runs lists them)");
    }
}
