namespace Dashboard.Load.Scenarios;

/// <summary>
/// A validated sweep phase resolved for the engine and the dashboard: where in the run its steps
/// start (seconds since the run's start, a warm-up included), the rate of each step, how long each holds, and the stop rule and budget the dashboard
/// applies to them. The engine runs each step as one constant-rate phase.
/// </summary>
internal sealed record SweepPlan(
    int PhaseIndex,
    TimeSpan StartOffset,
    TimeSpan Hold,
    IReadOnlyList<double> Rates,
    TimeSpan? WaitingBudget,
    TimeSpan StopWaitingP99,
    int StopGrowingIntervals)
{
    /// <summary>The step running at <paramref name="secondsIntoRun"/>, or null outside the sweep.</summary>
    public int? StepAt(double secondsIntoRun)
    {
        double into = secondsIntoRun - StartOffset.TotalSeconds;
        if (into < 0)
        {
            return null;
        }

        int step = (int)(into / Hold.TotalSeconds);
        return step < Rates.Count ? step : null;
    }

    /// <summary>
    /// How many steps from <paramref name="from"/> up by <paramref name="step"/> to at most
    /// <paramref name="to"/> make, as a double: a tiny step makes more than an int holds, and the
    /// validator must refuse that before anything is allocated.
    /// </summary>
    public static double StepCountOf(double from, double step, double to) =>
        // A tolerance so that 100 → 1000 by 100 ends at 1000 despite floating-point sums.
        Math.Max(Math.Floor(((to - from) / step) + 1e-9) + 1, 0);

    /// <summary>The step rates from <paramref name="from"/> up by <paramref name="step"/> to at most <paramref name="to"/> (validated: at most MaxSweepSteps).</summary>
    public static double[] RatesOf(double from, double step, double to)
    {
        double count = StepCountOf(from, step, to);
        if (!(count <= 100_000))
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"from {from} to {to} by {step} makes {count} steps");
        }

        return Enumerable.Range(0, (int)count).Select(i => from + (i * step)).ToArray();
    }
}
