using Dashboard.Contracts.Loop;

namespace Dashboard.Server.Analysis;

/// <summary>
/// A run's blockers (slow steps) summed per kind and loop, plus the worst few whole: how long they
/// held their loop, how many of its tasks they delayed and by how much. Fixed memory: kinds are capped.
/// </summary>
internal sealed class BlockerTally(int maxKinds = 64, int worstKept = 10)
{
    private readonly Dictionary<(string Kind, int Loop), BlockerKindTotals> _kinds = [];
    private readonly List<SlowStepInfo> _worst = [];

    public void Add(IEnumerable<SlowStepInfo> steps)
    {
        foreach (var step in steps)
        {
            if (!_kinds.TryGetValue((step.Kind, step.Loop), out var totals))
            {
                if (_kinds.Count >= maxKinds)
                {
                    continue;
                }

                totals = new BlockerKindTotals(step.Kind) { Loop = step.Loop };
                _kinds[(step.Kind, step.Loop)] = totals;
            }

            totals.Steps++;
            totals.HeldMs += step.DurationMs;
            totals.Victims += step.VictimCount;
            totals.VictimWaitingMs += step.VictimWaitingMs;
            foreach (var victim in step.VictimKinds)
            {
                totals.VictimKinds[victim.Kind] = totals.VictimKinds.GetValueOrDefault(victim.Kind) + victim.WaitingMs;
            }

            _worst.Add(step);
            if (_worst.Count > worstKept)
            {
                _worst.Sort(static (a, b) => b.VictimWaitingMs.CompareTo(a.VictimWaitingMs));
                _worst.RemoveAt(_worst.Count - 1);
            }
        }
    }

    /// <summary>Kinds of blockers, the most harmful (victim waiting) first: copies, so a reader
    /// never sees totals change under it while the loop's intervals keep adding.</summary>
    public IReadOnlyList<BlockerKindTotals> Kinds => _kinds.Values.OrderByDescending(k => k.VictimWaitingMs).Select(k => k.Copy()).ToArray();

    /// <summary>The single steps that caused the most waiting.</summary>
    public IReadOnlyList<SlowStepInfo> Worst => _worst.OrderByDescending(s => s.VictimWaitingMs).ToArray();
}

/// <summary>Totals for one kind of blocker on one loop.</summary>
internal sealed class BlockerKindTotals(string kind)
{
    public string Kind { get; } = kind;

    /// <summary>The loop these blocks held (a blocker delays its own loop's tasks only).</summary>
    public int Loop { get; init; }

    public int Steps { get; set; }

    public double HeldMs { get; set; }

    public long Victims { get; set; }

    public double VictimWaitingMs { get; set; }

    /// <summary>Waiting caused, by the victims' kind (blocker-by-victim).</summary>
    public Dictionary<string, double> VictimKinds { get; } = new(StringComparer.Ordinal);

    public BlockerKindTotals Copy()
    {
        var copy = new BlockerKindTotals(Kind) { Loop = Loop, Steps = Steps, HeldMs = HeldMs, Victims = Victims, VictimWaitingMs = VictimWaitingMs };
        foreach (var (kind, waiting) in VictimKinds)
        {
            copy.VictimKinds[kind] = waiting;
        }

        return copy;
    }

    public double MeanHeldMs => Steps == 0 ? 0 : HeldMs / Steps;

    public double MeanWaitingPerVictimMs => Victims == 0 ? 0 : VictimWaitingMs / Victims;
}
