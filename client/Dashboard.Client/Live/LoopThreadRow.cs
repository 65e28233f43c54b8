using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;

namespace Dashboard.Client.Live;

/// <summary>
/// One loop of several as the pages show it, every figure in words: its latest interval's
/// utilization, ready queue and timer lag, the waiting of the tasks it completed, and its share
/// of the server's connections and requests.
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
    string Connections,
    string Requests,
    string TasksAlive)
{
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

    private static LoopThreadRow From(LoopThreadStatus loop)
    {
        string Of(Func<LoopInterval, string> format) => loop.Latest is { } latest ? format(latest) : FigureFormat.Missing;
        string Waiting(Func<TimeFigures, double> figure) => loop.Tasks is { } tasks ? FigureFormat.Adaptive(figure(tasks.Waiting)) : FigureFormat.Missing;
        return new LoopThreadRow(
            loop.Index,
            LoopNames.Of(loop.Index),
            Of(l => FigureFormat.Percent(l.Utilization)),
            Of(l => FigureFormat.Adaptive(l.ReadyDepthMean)),
            Of(l => FigureFormat.Count(l.ReadyDepthMax)),
            Of(l => l.TimerCount > 0 ? FigureFormat.Adaptive(l.TimerLagP99Ms) : FigureFormat.Missing),
            Waiting(w => w.MeanMs),
            Waiting(w => w.P99Ms),
            FigureFormat.Count(loop.OpenConnections),
            FigureFormat.Count(loop.Requests),
            FigureFormat.Count(loop.TasksAlive));
    }
}
