using System.Globalization;
using Dashboard.Contracts.Runs;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports;

/// <summary>Where one task kind's time went over the stored intervals.</summary>
/// <param name="WorstWaitingP99Ms">Percentiles of separate intervals cannot be merged: the worst interval's p99 is what can be said.</param>
internal sealed record KindTotals(
    string Kind,
    long Count,
    long Faulted,
    long Cancelled,
    double AwakeMs,
    double WaitingMs,
    double AsleepMs,
    double WaitingMaxMs,
    double WorstWaitingP99Ms)
{
    public double LifetimeMs => AwakeMs + WaitingMs + AsleepMs;

    public double Share(double part) => LifetimeMs > 0 ? part / LifetimeMs : 0;
}

/// <summary>A sampled task with the interval it completed in.</summary>
internal sealed record SampledTask(long Sequence, TaskSample Task);

/// <summary>A slow task and its relatives among the stored samples.</summary>
internal sealed record SlowTask(SampledTask Task, IReadOnlyList<TaskSample> Ancestors, IReadOnlyList<TaskSample> Children);

/// <summary>A kind of failure and how often it happened: an HTTP status (400 and up) or an error without an answer.</summary>
internal sealed record FailureCount(string Type, string Name, long Occurrences);

/// <summary>The awake / waiting / asleep shares of the tasks completed in one interval.</summary>
internal sealed record StateShares(double ElapsedSeconds, double Awake, double Waiting, double Asleep);

/// <summary>Figures every format derives from a run the same way.</summary>
internal static class ReportFigures
{
    public const string AllTasks = "(all tasks)";

    /// <summary>The intervals after the warm-up: the ones whole-run figures rest on.</summary>
    public static IEnumerable<RunSnapshot> Measured(RunRecord run) => run.Snapshots.Where(s => !s.WarmUp);

    /// <summary>Per task kind over the stored intervals after the warm-up, the most time-consuming first; "(all tasks)" first of all.</summary>
    public static IReadOnlyList<KindTotals> TaskKinds(RunRecord run)
    {
        var overall = Empty(AllTasks);
        var kinds = new Dictionary<string, KindTotals>(StringComparer.Ordinal);
        foreach (var snapshot in Measured(run))
        {
            overall = Add(overall, snapshot.Tasks.Overall);
            foreach (var kind in snapshot.Tasks.Kinds)
            {
                kinds[kind.Kind] = Add(kinds.GetValueOrDefault(kind.Kind) ?? Empty(kind.Kind), kind);
            }
        }

        return [overall, .. kinds.Values.OrderByDescending(k => k.LifetimeMs).ThenBy(k => k.Kind, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<SampledTask> Samples(RunRecord run) =>
        run.Snapshots.SelectMany(s => s.Samples.Select(t => new SampledTask(s.Sequence, t))).ToArray();

    /// <summary>The longest-lived sampled tasks after the warm-up, each with its ancestors and children among the samples.</summary>
    public static IReadOnlyList<SlowTask> Slowest(RunRecord run, int count)
    {
        var samples = Measured(run).SelectMany(s => s.Samples.Select(t => new SampledTask(s.Sequence, t))).ToArray();
        var byId = new Dictionary<long, TaskSample>();
        foreach (var sample in samples)
        {
            byId.TryAdd(sample.Task.Id, sample.Task);
        }

        return samples
            .DistinctBy(s => s.Task.Id)
            .OrderByDescending(s => s.Task.LifetimeMs)
            .ThenBy(s => s.Task.Id)
            .Take(count)
            .Select(s => new SlowTask(s, Ancestors(s.Task, byId), samples.Where(c => c.Task.ParentId == s.Task.Id).Select(c => c.Task).DistinctBy(c => c.Id).ToArray()))
            .ToArray();
    }

    public static IReadOnlyList<FailureCount> Failures(RunRecord run)
    {
        var load = run.Header.Summary?.Load;
        if (load is null)
        {
            return [];
        }

        var failures = load.StatusCodes
            .Where(p => p.Key >= 400 && p.Value > 0)
            .OrderBy(p => p.Key)
            .Select(p => new FailureCount("status", p.Key.ToString(CultureInfo.InvariantCulture), p.Value))
            .ToList();
        foreach (var (name, count) in (ReadOnlySpan<(string, long)>)[("timeout", load.Errors.Timeout), ("refused", load.Errors.Refused), ("reset", load.Errors.Reset), ("other", load.Errors.Other)])
        {
            if (count > 0)
            {
                failures.Add(new FailureCount("error", name, count));
            }
        }

        return failures;
    }

    public static IReadOnlyList<StateShares> Shares(RunRecord run) =>
        run.Snapshots
            .Select(s => (s.ElapsedSeconds, Overall: s.Tasks.Overall))
            .Where(s => s.Overall.Lifetime.SumMs > 0)
            .Select(s =>
            {
                var total = s.Overall.Awake.SumMs + s.Overall.Waiting.SumMs + s.Overall.Asleep.SumMs;
                return new StateShares(s.ElapsedSeconds, s.Overall.Awake.SumMs / total, s.Overall.Waiting.SumMs / total, s.Overall.Asleep.SumMs / total);
            })
            .ToArray();

    /// <summary>
    /// The run's thresholds: their final states, or, for a run without a final verdict (running,
    /// or cut off), their states at its last stored interval; <paramref name="final"/> says which.
    /// </summary>
    public static IReadOnlyList<ThresholdState> Thresholds(RunRecord run, out bool final)
    {
        var results = run.Header.Summary?.Thresholds;
        final = results is not null;
        return results is not null
            ? results.Select(t => new ThresholdState(t.Expression, t.Passed, t.Actual, t.Message)).ToArray()
            : run.Snapshots.LastOrDefault()?.Thresholds ?? [];
    }

    /// <summary>"PASSED", "FAILED" or "NO THRESHOLDS"; "NOT JUDGED" while the run has no verdict.</summary>
    public static string Verdict(RunRecord run) => run.Info.Passed switch
    {
        true when (run.Header.Summary?.Thresholds.Count ?? 0) == 0 => "NO THRESHOLDS",
        true => "PASSED",
        false => "FAILED",
        null => "NOT JUDGED",
    };

    private static List<TaskSample> Ancestors(TaskSample task, Dictionary<long, TaskSample> byId)
    {
        var ancestors = new List<TaskSample>();
        for (var parent = byId.GetValueOrDefault(task.ParentId); parent is not null && ancestors.Count < 16; parent = byId.GetValueOrDefault(parent.ParentId))
        {
            ancestors.Add(parent);
        }

        return ancestors;
    }

    private static KindTotals Empty(string kind) => new(kind, 0, 0, 0, 0, 0, 0, 0, 0);

    private static KindTotals Add(KindTotals totals, Dashboard.Contracts.Loop.TaskKindBreakdown interval) => totals with
    {
        Count = totals.Count + interval.Count,
        Faulted = totals.Faulted + interval.Faulted,
        Cancelled = totals.Cancelled + interval.Cancelled,
        AwakeMs = totals.AwakeMs + interval.Awake.SumMs,
        WaitingMs = totals.WaitingMs + interval.Waiting.SumMs,
        AsleepMs = totals.AsleepMs + interval.Asleep.SumMs,
        WaitingMaxMs = Math.Max(totals.WaitingMaxMs, interval.Waiting.MaxMs),
        WorstWaitingP99Ms = Math.Max(totals.WorstWaitingP99Ms, interval.Waiting.P99Ms),
    };
}
