namespace Dashboard.Contracts.Runs;

/// <summary>
/// What the live hub (<c>/hubs/runs</c>) sends to a subscriber. Any SignalR client can subscribe:
/// call the hub's <c>Subscribe(runId)</c>; it first receives <see cref="History"/> (the run's
/// recent snapshots), then one <see cref="Snapshot"/> per interval, and <see cref="RunChanged"/>
/// whenever the run's state changes.
/// </summary>
public interface IRunsHubClient
{
    Task History(string runId, IReadOnlyList<RunSnapshot> snapshots);

    Task Snapshot(RunSnapshot snapshot);

    Task RunChanged(RunInfo run);

    /// <summary>Snapshots this subscriber missed because it read too slowly (its buffer is bounded).</summary>
    Task Dropped(string runId, long count);
}
