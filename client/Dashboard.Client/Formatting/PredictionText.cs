using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Formatting;

/// <summary>
/// How queueing predictions and blockers read on the pages.
/// </summary>
internal static class PredictionText
{
    /// <summary>What a null prediction means: at utilization 1 or more waiting grows without bound.</summary>
    public const string NoSteadyState = "no steady state";

    /// <summary>Victim kinds listed by name before the rest are counted ("+2 more").</summary>
    public const int VictimKindsShown = 4;

    /// <summary>Said when the chosen rate would keep the loop busy all the time or more.</summary>
    public static string Saturated(double utilization) =>
        $"No steady state: at this rate the loop would need {FigureFormat.Percent(utilization)} % of its time, so waiting grows without bound.";

    /// <summary>The waiting caused per victim kind, most first: "hello: 450 ms · io-bound: 150 ms".</summary>
    public static string WaitingByKind(IReadOnlyDictionary<string, double> waiting) =>
        Listed(waiting.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => $"{w.Key}: {FigureFormat.Adaptive(w.Value)} ms").ToArray());

    /// <summary>A blocker's victims per kind, most waiting first: "hello ×12: 30.5 ms".</summary>
    public static string VictimKinds(IReadOnlyList<Contracts.Loop.VictimKindInfo> kinds) =>
        Listed(kinds.OrderByDescending(k => k.WaitingMs).ThenBy(k => k.Kind, StringComparer.Ordinal)
            .Select(k => $"{k.Kind} ×{FigureFormat.Count(k.Count)}: {FigureFormat.Adaptive(k.WaitingMs)} ms").ToArray());

    private static string Listed(IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return FigureFormat.Missing;
        }

        var shown = string.Join(" · ", items.Take(VictimKindsShown));
        return items.Count > VictimKindsShown ? $"{shown} · +{items.Count - VictimKindsShown} more" : shown;
    }
}
