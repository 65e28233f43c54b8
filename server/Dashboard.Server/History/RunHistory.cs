using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Statistics;
using Dashboard.Server.Runs;
using Dashboard.Server.Storage;

namespace Dashboard.Server.History;

/// <summary>
/// Runs as the API and the reports see them: the runs in memory (live, and the freshest word on
/// any run they hold) merged with the stored ones, so history survives a restart.
/// </summary>
internal sealed class RunHistory(RunManager runs, RunStore store, RunEnvironment environment)
{
    /// <summary>Every known run, newest first; a run in memory wins over its stored row.</summary>
    public IReadOnlyList<RunInfo> List()
    {
        var live = runs.List();
        var known = live.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return live
            .Concat(store.ListRuns().Where(r => !known.Contains(r.Id)))
            .OrderByDescending(r => r.StartedAt)
            .ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>A design series from its runs (in memory or stored); null when no run belongs to it.</summary>
    public DesignSeries? Series(string id)
    {
        // Asked before the runs are read: a series ends only after its last run has, so "not going"
        // then means every run read after it has ended (the other order could pair "ended" with a running run).
        var going = runs.IsSeriesGoing(id);
        var members = List().Where(r => r.Series?.Id == id).ToArray();
        if (members.Length == 0)
        {
            return null;
        }

        // Every run knows every design; each design's run is the one with its index.
        var series = members[0].Series!;
        return new DesignSeries
        {
            Id = id,
            Scenario = series.Scenario,
            Designs = series.Designs,
            Runs = [.. series.Designs.Select((_, i) => members.FirstOrDefault(r => r.Series!.Index == i))],
            Running = going,
        };
    }

    /// <summary>A run's info, scenario and summary (the shape of <c>GET /api/runs/{id}</c>).</summary>
    public RunDetail? Detail(string id)
    {
        if (runs.Find(id) is { } run)
        {
            return new RunDetail(run.Info(), run.Scenario, run.Summary);
        }

        return store.LoadHeader(id) is { } header ? new RunDetail(header.Info, header.Scenario, header.Summary) : null;
    }

    public IReadOnlyList<RunSnapshot>? Snapshots(string id) =>
        runs.Find(id) is { } run ? run.History() : store.LoadSnapshots(id);

    /// <summary>The newest <paramref name="count"/> snapshots, oldest first: a stored run keeps every
    /// interval, and a page or a late subscriber gets the same recent window a live run keeps.</summary>
    public IReadOnlyList<RunSnapshot> RecentSnapshots(string id, int count)
    {
        var snapshots = Snapshots(id) ?? [];
        return snapshots.Count <= count ? snapshots : snapshots.Skip(snapshots.Count - count).ToArray();
    }

    /// <summary>The run's measured intervals' latency histograms, oldest first: always from the store (the recorder writes them as the run goes).</summary>
    public IReadOnlyList<LatencyInterval> LatencyIntervals(string id) => store.LoadLatencyIntervals(id);

    /// <summary>Everything a report needs, from memory when the run is there, else from the store.</summary>
    public RunRecord? Record(string id) =>
        runs.Find(id) is { } run ? LiveRunRecords.Record(run, environment) : store.Load(id);
}

/// <summary>What <c>GET /api/runs/{id}</c> answers.</summary>
internal sealed record RunDetail(RunInfo Run, ScenarioDefinition Scenario, RunSummary? Summary);
