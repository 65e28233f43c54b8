using Dashboard.Contracts.Loop;

namespace Dashboard.Client.Charts;

/// <summary>
/// The chart lines of several loops: one per loop after the total's, in the same colour on every
/// page (loop 0 orange, loop 1 green, …), named as every page names a loop.
/// </summary>
public static class LoopLines
{
    // After the totals' own colours; repeats past the last.
    private static readonly string[] Colors = ["#d6713d", "#2f9e5b", "#b8437a", "#7a6a1f", "#4a4ab8", "#1f8a8a", "#8a4fc7", "#6b6b6b"];

    /// <summary>A line per loop when there are several; none for one loop (the total is that loop).</summary>
    public static IReadOnlyList<ChartLine> For(int loops) =>
        loops > 1 ? Enumerable.Range(0, loops).Select(i => new ChartLine(LoopNames.Of(i), ColorOf(i))).ToArray() : [];

    /// <summary>The lines of a utilization chart: the total (named as one loop's when there is one), then a line per loop.</summary>
    public static IReadOnlyList<ChartLine> Utilization(int loops) =>
        [new(loops > 1 ? "all loops" : "utilization", "#3d6fd6", Fill: true), .. For(loops)];

    /// <summary>Loop <paramref name="index"/>'s colour, on the pages and in the reports.</summary>
    public static string ColorOf(int index) => Colors[index % Colors.Length];

    /// <summary>Loop <paramref name="index"/>'s own interval within a group interval, if it reported in it.</summary>
    public static LoopInterval? Member(LoopInterval? group, int index) =>
        group?.Loops.FirstOrDefault(l => l.Loop == index);
}
