using Dashboard.Contracts.Loop;

namespace Dashboard.Client.Live;

/// <summary>One loop's own per-kind table, for the kinds panel split by loop.</summary>
public sealed record LoopKinds(int Index, string Name, IReadOnlyList<TaskKindBreakdown> Kinds)
{
    /// <summary>
    /// Each loop's kinds (at most <paramref name="maxRows"/> each) while several loops run, else
    /// none; a loop whose rows did not change keeps the previous object, so its table skips a render.
    /// </summary>
    public static IReadOnlyList<LoopKinds> Of(LoopStatus status, int maxRows, IReadOnlyList<LoopKinds>? previous)
    {
        if (status.Loops.Count < 2)
        {
            return [];
        }

        var loops = new LoopKinds[status.Loops.Count];
        var unchanged = previous?.Count == loops.Length;
        for (var i = 0; i < loops.Length; i++)
        {
            var loop = status.Loops[i];
            var kinds = loop.Kinds.Take(maxRows).ToArray();
            var before = previous is not null && i < previous.Count ? previous[i] : null;
            loops[i] = before is not null && before.Kinds.SequenceEqual(kinds) ? before : new LoopKinds(loop.Index, LoopNames.Of(loop.Index), kinds);
            unchanged &= ReferenceEquals(loops[i], before);
        }

        return unchanged ? previous! : loops;
    }
}
