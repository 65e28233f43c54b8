using Dashboard.Contracts.Scenarios;

namespace Dashboard.Load.Scenarios;

public sealed partial class ScenarioValidator
{
    private static readonly string[] SweepFields = ["from", "step", "to", "hold", "waitingBudget", "stopWaitingP99", "stopGrowingIntervals"];

    /// <summary>Checks a sweep phase; returns its whole duration (steps × hold) when it is valid.</summary>
    private TimeSpan? CheckSweep(JsonObjectReader sweep, TimeSpan interval)
    {
        sweep.RejectUnknown(SweepFields);
        const string MaxRate = nameof(LoadEngineOptions.MaxRate);
        double? from = sweep.Number("from", required: true, 0, minExclusive: true, _options.MaxRate, MaxRate);
        double? step = sweep.Number("step", required: true, 0, minExclusive: true, _options.MaxRate, MaxRate);
        double? to = sweep.Number("to", required: true, 0, minExclusive: true, _options.MaxRate, MaxRate);
        TimeSpan? hold = sweep.Duration("hold", required: true, TimeSpan.Zero, minExclusive: true, _options.MaxTotalDuration, nameof(LoadEngineOptions.MaxTotalDuration));
        bool valid = from is not null && step is not null && to is not null && hold is not null;

        // Two intervals per step at least: a step's trend (backlog, waiting) needs more than one point.
        if (hold is { } h && h < 2 * interval)
        {
            sweep.Error("hold", $"expected at least two reporting intervals ({DurationText.Format(2 * interval)}) per step, got {DurationText.Format(h)}");
            valid = false;
        }

        int steps = 0;
        if (from is { } f && to is { } t && step is { } s)
        {
            if (t < f)
            {
                sweep.Error("to", $"expected a rate ≥ \"from\" ({f}), got {t}");
                valid = false;
            }
            else
            {
                double count = SweepPlan.StepCountOf(f, s, t);
                steps = count <= _options.MaxSweepSteps ? (int)count : 0;
                if (!(count <= _options.MaxSweepSteps))
                {
                    sweep.Error("step", $"from {f} to {t} by {s} makes {(count < 1e9 ? count.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "more than a billion")} steps; expected at most {_options.MaxSweepSteps}{JsonObjectReader.LimitNote(nameof(LoadEngineOptions.MaxSweepSteps))}: raise \"step\" or lower \"to\"");
                    valid = false;
                }
            }
        }

        if (sweep.Has("waitingBudget"))
        {
            valid &= sweep.Duration("waitingBudget", required: false, TimeSpan.Zero, minExclusive: true, _options.MaxRequestTimeout, nameof(LoadEngineOptions.MaxRequestTimeout)) is not null;
        }

        if (sweep.Has("stopWaitingP99"))
        {
            valid &= sweep.Duration("stopWaitingP99", required: false, TimeSpan.Zero, minExclusive: true, _options.MaxRequestTimeout, nameof(LoadEngineOptions.MaxRequestTimeout)) is not null;
        }

        if (sweep.Has("stopGrowingIntervals"))
        {
            valid &= sweep.Integer("stopGrowingIntervals", required: false, 2, _options.MaxSweepGrowingIntervals, nameof(LoadEngineOptions.MaxSweepGrowingIntervals)) is not null;
        }

        return valid ? hold!.Value * steps : null;
    }
}
