namespace Dashboard.EventLoop;

/// <summary>
/// Who a slow step (a blocker) made wait, counted when it ends: the tasks whose work was already
/// queued when it began (they waited all of it), the tasks whose loop timers came due while it
/// ran, and the tasks that other threads made ready meanwhile (each waited from its ready time).
/// Work the blocker queued itself is not counted: that is its own continuation or children.
/// Runs only for slow steps, so its scans cost nothing on the hot path.
/// </summary>
internal static class VictimCensus
{
    private const int MaxKindsKept = 8;

    public static Victims Count(ReadyQueue ready, int queuedBefore, TimerQueue timers, IEnumerable<ReadyItem> remote, LoopTask? blocker, long start, long end)
    {
        var seen = new HashSet<long>();
        var byKind = new Dictionary<string, (int Count, long Ticks)>(StringComparer.Ordinal);
        long total = 0;

        void Add(LoopTask? task, long readyAt)
        {
            if (task is null || task == blocker || task.IsFinalized || !seen.Add(task.Id))
            {
                return;
            }

            var waited = end - Math.Max(start, readyAt);
            if (waited <= 0)
            {
                return;
            }

            total += waited;
            byKind.TryGetValue(task.Kind, out var sum);
            byKind[task.Kind] = (sum.Count + 1, sum.Ticks + waited);
        }

        for (var i = 0; i < queuedBefore && i < ready.Count; i++)
        {
            Add(ready.PeekAt(i).Task, start);
        }

        foreach (var timer in timers.DueBy(end))
        {
            Add(timer.Task, timer.Due);
        }

        foreach (var item in remote)
        {
            if (item.ReadyAt <= end)
            {
                Add(item.Task, item.ReadyAt);
            }
        }

        var kinds = byKind
            .OrderByDescending(k => k.Value.Ticks)
            .Take(MaxKindsKept)
            .Select(k => new VictimKind(k.Key, k.Value.Count, LoopClock.ToMilliseconds(k.Value.Ticks)))
            .ToArray();
        return new Victims(seen.Count, LoopClock.ToMilliseconds(total), kinds);
    }
}

/// <summary>The tasks one blocker delayed: how many, their summed waiting (ms), and the worst-hit kinds.</summary>
public sealed record Victims(int Count, double WaitingMs, IReadOnlyList<VictimKind> Kinds)
{
    public static Victims None { get; } = new(0, 0, []);
}

/// <summary>Victims of one kind: how many tasks and how much waiting (ms) the blocker caused them.</summary>
public sealed record VictimKind(string Kind, int Count, double WaitingMs);
