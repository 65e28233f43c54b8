using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Formatting;

/// <summary>
/// A sweep's best case, knee and worst case in words, and each step's state.
/// </summary>
internal static class SweepText
{
    public static string Status(SweepReport sweep) => sweep.Status switch
    {
        "running" => "sweep running",
        "saturated" => "stopped at saturation",
        "completed" => "completed",
        _ => sweep.Status,
    };

    public static string Best(SweepReport sweep) => sweep.Best is { } best
        ? $"Best case: {FigureFormat.Compact(best.Rate)} requests/s at {FigureFormat.Percent(best.Utilization)} % utilization, waiting p99 {FigureFormat.Adaptive(best.WaitingP99Ms)} ms within the {FigureFormat.Adaptive(best.BudgetMs)} ms budget ({sweep.BudgetSource})."
        : $"Best case: no step has kept waiting p99 within the {FigureFormat.Adaptive(sweep.BudgetMs)} ms budget ({sweep.BudgetSource}) yet.";

    public static string Knee(SweepReport sweep) => sweep.KneeRate is { } knee
        ? $"Knee: the loop kept up with up to {FigureFormat.Compact(knee)} requests/s."
        : "Knee: no step has kept up yet.";

    public static string Worst(SweepReport sweep) => sweep.Worst is { } worst
        ? $"Worst case: saturation from {FigureFormat.Compact(worst.SaturationRate)} requests/s; beyond it waiting grows {FigureFormat.Adaptive(worst.WaitingGrowthMsPerSecond)} ms per second and the backlog {FigureFormat.Adaptive(worst.BacklogGrowthPerSecond)} requests per second."
        : "Worst case: the loop has kept up at every step so far.";

    public static string WarmUp(SweepReport sweep) =>
        $"Warm-up: the first {FigureFormat.Adaptive(sweep.WarmUpSeconds)} s, until answers were coming back, counted in no step (connections opening, code compiling on first use).";

    /// <summary>A step's state; an incomplete step is running while the sweep runs, and was cut short once it has
    /// ended (saturated, when the stop rule fired in it).</summary>
    public static string StepState(SweepStep step, string sweepStatus) => step switch
    {
        { Complete: false } when sweepStatus == "running" => "running",
        { Complete: false, Saturated: true } => "saturated (cut short)",
        { Complete: false } => "cut short",
        { Saturated: true } => "saturated",
        { WithinBudget: true } => "within budget",
        _ => "over budget",
    };

    public static string StepStateClass(SweepStep step, string sweepStatus) => step switch
    {
        { Complete: false } when sweepStatus == "running" => "pill-live",
        { Saturated: true } => "pill-bad",
        { Complete: false } => "pill-muted",
        { WithinBudget: true } => "pill-ok",
        _ => "pill-muted",
    };
}
