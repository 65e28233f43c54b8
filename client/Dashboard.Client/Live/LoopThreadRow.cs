using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Live;

/// <summary>
/// One loop of several as the pages show it, every figure in words: its latest interval's
/// utilization, ready queue and timer lag, the waiting of the tasks it completed, and (on the Loop
/// page, null on a run's) its share of the server's connections and requests.
/// </summary>
public sealed record LoopThreadRow(
    int Index,
    string Name,
    string Utilization,
    string ReadyMean,
    string ReadyMax,
    string TimerLagP99,
    string WaitingMean,
    string WaitingP99,
    string? Connections,
    string? Requests,
    string? TasksAlive)
{
    /// <summary>A row per loop of a run's interval (its loop figures and the waiting of the tasks each loop completed in it).</summary>
    public static IReadOnlyList<LoopThreadRow> Of(RunSnapshot? snapshot, IReadOnlyList<LoopThreadRow>? previous)
    {
        if (snapshot?.Loop is not { Loops.Count: > 1 } group)
        {
            return [];
        }

        var rows = group.Loops.Select(member =>
        {
            var index = member.Loop ?? 0;
            var tasks = index < snapshot.Tasks.Loops.Count && snapshot.Tasks.Loops[index] is { Count: > 0 } own ? own : null;
            return Row(index, member, tasks);
        }).ToArray();
        return previous is not null && previous.SequenceEqual(rows) ? previous : rows;
    }

    /// <summary>A row per loop, or none with a single loop (the totals are then that loop's own).</summary>
    public static IReadOnlyList<LoopThreadRow> Of(LoopStatus status, IReadOnlyList<LoopThreadRow>? previous)
    {
        if (status.Loops.Count < 2)
        {
            return [];
        }

        var rows = status.Loops.Select(From).ToArray();
        return previous is not null && previous.SequenceEqual(rows) ? previous : rows;
    }

    private static LoopThreadRow From(LoopThreadStatus loop) => Row(loop.Index, loop.Latest, loop.Tasks) with
    {
        Connections = FigureFormat.Count(loop.OpenConnections),
        Requests = FigureFormat.Count(loop.Requests),
        TasksAlive = FigureFormat.Count(loop.TasksAlive),
    };

    /// <summary>A loop's interval figures and its tasks' waiting, in words; no server figures.</summary>
    private static LoopThreadRow Row(int index, LoopInterval? latest, TaskKindBreakdown? tasks)
    {
        string Of(Func<LoopInterval, string> format) => latest is not null ? format(latest) : FigureFormat.Missing;
        string Waiting(Func<TimeFigures, double> figure) => tasks is not null ? FigureFormat.Adaptive(figure(tasks.Waiting)) : FigureFormat.Missing;
        return new LoopThreadRow(
            index,
            LoopNames.Of(index),
            Of(l => FigureFormat.Percent(l.Utilization)),
            Of(l => FigureFormat.Adaptive(l.ReadyDepthMean)),
            Of(l => FigureFormat.Count(l.ReadyDepthMax)),
            Of(l => l.TimerCount > 0 ? FigureFormat.Adaptive(l.TimerLagP99Ms) : FigureFormat.Missing),
            Waiting(w => w.MeanMs),
            Waiting(w => w.P99Ms),
            null,
            null,
            null);
    }
}
