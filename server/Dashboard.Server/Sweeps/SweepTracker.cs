using System.Globalization;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Scenarios;
using Dashboard.Load.Statistics;
using Dashboard.Server.Analysis;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Sweeps;

/// <summary>
/// Follows a run's sweep interval by interval: folds each interval into its step, applies the
/// stop rule (waiting p99 over the limit two intervals in a row, or the backlog growing for
/// several intervals in a row by more than chance; the warm-up at its start counts nowhere), and reads
/// the steps as best case, knee and worst case. Fixed memory: one entry per planned step. Not thread-safe (the run calls it under its lock).
/// </summary>
internal sealed class SweepTracker
{
    private readonly SweepPlan _plan;
    private readonly List<SweepStepProgress> _steps = [];
    private bool _warmedUp;
    private int _warmUpIntervals;
    private bool _answeredDuringWarmUp;
    private double _warmUpSeconds;
    private int _overLimitIntervals;
    private int _growingIntervals;
    private int _growthStartBacklog;
    private double _growthStartSeconds;
    private int? _previousBacklog;
    private string _status = "running";
    private string? _stopReason;

    /// <param name="plan">The sweep.</param>
    /// <param name="warmedUp">True when the scenario's own warm-up ran before the sweep: then the
    /// first step is measured whole (see <see cref="TakeWarmUp"/>).</param>
    public SweepTracker(SweepPlan plan, bool warmedUp = false)
    {
        _plan = plan;
        _warmedUp = warmedUp;
    }

    /// <summary>Set once the stop rule has fired: why, in words.</summary>
    public string? StopReason => _stopReason;

    /// <summary>The step an interval belongs to (by its midpoint, so an interval that closes just
    /// after a step boundary still counts for the step it mostly covered); null outside the sweep
    /// or once the sweep has ended.</summary>
    public int? StepOf(IntervalStatistics interval) =>
        _status != "running" ? null : _plan.StepAt(interval.StartSeconds + (interval.DurationSeconds / 2));

    /// <summary>
    /// Takes the sweep's warm-up: its first interval, and the ones after it until answers come back
    /// (the interval that brings the first ones included, since they carry the wait), within the
    /// first step. Connections open and code compiles on first use; in a fresh process beside a
    /// browser rendering its first page, no answer came back for a whole second, and that read as
    /// a saturated first step. The warm-up neither counts in a step's figures nor can stop the
    /// sweep; only its last backlog is kept as the trend's starting point. True when
    /// <paramref name="interval"/> belongs to it. A scenario with a <c>warmUp</c> has warmed up
    /// before the sweep began, so its sweep takes none.
    /// </summary>
    public bool TakeWarmUp(IntervalStatistics interval)
    {
        if (_warmedUp || StepOf(interval) is not { } step)
        {
            return false;
        }

        if (_warmUpIntervals > 0 && (step > 0 || _answeredDuringWarmUp))
        {
            _warmedUp = true;
            return false;
        }

        _warmUpIntervals++;
        _warmUpSeconds += interval.DurationSeconds;
        _answeredDuringWarmUp |= interval.Load.Requests > 0;
        _previousBacklog = interval.InFlight;
        return true;
    }

    /// <summary>Folds one interval into its step; returns true when this interval fired the stop rule.</summary>
    public bool Observe(int step, IntervalStatistics interval, StepMeasure measure)
    {
        if (_status != "running")
        {
            return false;
        }

        var current = _steps.Count > 0 ? _steps[^1] : null;
        if (current is null || current.Index != step)
        {
            if (current is not null)
            {
                current.Complete = true;
            }

            current = new SweepStepProgress(step, _plan.Rates[step]);
            _steps.Add(current);
        }

        current.Add(interval, measure);
        var fired = CheckStopRule(current, interval, measure);
        if (fired)
        {
            current.Stopped = true;
            _status = "saturated";
        }

        return fired;
    }

    /// <summary>An interval outside every step: once past the sweep (later phases, the drain), the
    /// sweep is over and its last step complete.</summary>
    public void ObserveOutside(IntervalStatistics interval)
    {
        if (interval.StartSeconds + (interval.DurationSeconds / 2) > _plan.StartOffset.TotalSeconds)
        {
            Close();
        }
    }

    /// <summary>The run or the sweep has ended: the last step counts as complete if it ran its whole hold.</summary>
    public void Close()
    {
        if (_status != "running")
        {
            return;
        }

        if (_steps.Count > 0 && _steps[^1] is { } last && last.Seconds >= (_plan.Hold.TotalSeconds - (last.Index == 0 ? _warmUpSeconds : 0)) * 0.9)
        {
            last.Complete = true;
        }

        _status = _steps.Count == _plan.Rates.Count && _steps[^1].Complete ? "completed" : "stopped";
    }

    public SweepReport Report()
    {
        var (budgetMs, budgetSource) = Budget();
        var steps = _steps.Select(s => s.ToStep(budgetMs)).ToArray();
        var firstSaturated = SaturationStart(steps);
        var keptUp = (firstSaturated < 0 ? steps : steps[..firstSaturated]).Where(s => s.Complete && !s.Saturated).ToArray();
        var best = keptUp.Where(s => s.WithinBudget).LastOrDefault();
        return new SweepReport
        {
            Status = _status,
            BudgetMs = budgetMs,
            BudgetSource = budgetSource,
            StopWaitingP99Ms = _plan.StopWaitingP99.TotalMilliseconds,
            StopGrowingIntervals = _plan.StopGrowingIntervals,
            PlannedSteps = _plan.Rates.Count,
            Steps = steps,
            Best = best is null ? null : new SweepBestCase(best.OfferedRate, best.Utilization, best.Waiting.P99Ms, budgetMs),
            KneeRate = keptUp.LastOrDefault()?.OfferedRate,
            Worst = firstSaturated < 0 ? null : WorstFrom(firstSaturated),
            StopReason = _stopReason,
            WarmUpSeconds = _warmUpSeconds,
        };
    }

    /// <summary>
    /// Where saturation begins: the first of the saturated steps that end the sweep (every step
    /// from there on saturated). A lone saturated step followed by steps that kept up was a blip
    /// (a stall of the machine), not the loop's limit; -1 when the sweep ends keeping up.
    /// </summary>
    private static int SaturationStart(SweepStep[] steps)
    {
        var start = -1;
        for (var i = steps.Length - 1; i >= 0 && steps[i].Saturated; i--)
        {
            start = i;
        }

        return start;
    }

    /// <summary>Growth beyond saturation: the trends of every interval from the first saturated step
    /// on, and of the step before too when the sweep stopped too soon after for a trend (the growth
    /// that fired the stop rule often began there).</summary>
    private SweepWorstCase WorstFrom(int firstSaturated)
    {
        RunningSlope waiting = default, backlog = default, latency = default;
        var saturatedIntervals = _steps.Skip(firstSaturated).Sum(s => s.Intervals);
        var from = saturatedIntervals < 3 ? Math.Max(0, firstSaturated - 1) : firstSaturated;
        foreach (var step in _steps.Skip(from))
        {
            waiting.Add(step.WaitingTrend);
            backlog.Add(step.BacklogTrend);
            latency.Add(step.LatencyTrend);
        }

        return new SweepWorstCase(_steps[firstSaturated].OfferedRate, waiting.Slope, backlog.Slope, latency.Slope);
    }

    /// <summary>The scenario's budget, else a fraction of the mean service time: the median of the
    /// steps' readings, so one step slowed by a busy machine or a cold start does not set it.</summary>
    private (double Ms, string Source) Budget()
    {
        if (_plan.WaitingBudget is { } given)
        {
            return (given.TotalMilliseconds, "scenario");
        }

        var services = _steps.Select(s => s.Measure?.Prediction?.ServiceMeanMs ?? 0).Where(s => s > 0).Order().ToArray();
        if (services.Length == 0)
        {
            return (0, "not yet known: no request has finished");
        }

        var serviceMs = services[services.Length / 2];
        var fraction = ScenarioDefaults.SweepBudgetFraction;
        return (fraction * serviceMs, string.Create(CultureInfo.InvariantCulture, $"{fraction} × mean service time {serviceMs:0.###} ms"));
    }

    private bool CheckStopRule(SweepStepProgress step, IntervalStatistics interval, StepMeasure measure)
    {
        // Waiting over the limit must last two intervals in a row: a lone stall of the machine is
        // not the loop saturating.
        var limitMs = _plan.StopWaitingP99.TotalMilliseconds;
        _overLimitIntervals = measure.IntervalWaitingP99Ms > limitMs ? _overLimitIntervals + 1 : 0;
        if (_overLimitIntervals >= 2)
        {
            _stopReason = Invariant($"Waiting p99 of the run's requests stayed over the limit of {limitMs:0.#} ms for two intervals in a row at {step.OfferedRate:0.#} req/s (the last {measure.IntervalWaitingP99Ms:0.#} ms).");
            return true;
        }

        var end = interval.StartSeconds + interval.DurationSeconds;
        var backlog = interval.InFlight;
        if (_previousBacklog is { } previous && backlog > previous)
        {
            if (_growingIntervals == 0)
            {
                _growthStartBacklog = previous;
                _growthStartSeconds = interval.StartSeconds;
            }

            _growingIntervals++;
        }
        else
        {
            _growingIntervals = 0;
        }

        _previousBacklog = backlog;
        if (_growingIntervals >= _plan.StopGrowingIntervals)
        {
            var seconds = Math.Max(end - _growthStartSeconds, 1e-3);
            var perSecond = (backlog - _growthStartBacklog) / seconds;
            if (SweepRules.OutgrewTheLoop(step.OfferedRate, _growthStartBacklog, backlog, seconds))
            {
                _stopReason = Invariant($"The backlog grew {_growingIntervals} intervals in a row at {step.OfferedRate:0.#} req/s: from {_growthStartBacklog:N0} to {backlog:N0} requests in flight ({perSecond:0.#} per second).");
                return true;
            }
        }

        return false;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
