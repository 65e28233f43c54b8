using System.Text;
using System.Text.Json;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Thresholds;

namespace Dashboard.Load.Scenarios;

/// <summary>Resolves a scenario that <see cref="ScenarioValidator"/> accepted into a <see cref="LoadPlan"/>.</summary>
internal static class LoadPlanBuilder
{
    private const string JsonContentType = "application/json";
    private const string TextContentType = "text/plain; charset=utf-8";

    public static LoadPlan Build(ScenarioDefinition scenario, LoadEngineOptions options)
    {
        ScenarioTarget target = scenario.Target!;
        Uri origin;
        string targetPath;
        byte[] targetBody = [];
        string? targetContentType = null;
        string targetName;
        if (target.Url is not null)
        {
            var url = new Uri(target.Url);
            origin = new Uri(url.GetLeftPart(UriPartial.Authority));
            targetPath = url.PathAndQuery;
            targetName = url.AbsolutePath;
        }
        else
        {
            origin = new Uri(options.LoopServerAddress.GetLeftPart(UriPartial.Authority));
            if (target.Workload is not null)
            {
                targetPath = WorkloadPath(target.Workload);
                targetName = target.Workload;
            }
            else
            {
                targetPath = "/w";
                targetName = "inline";
                targetBody = Encoding.UTF8.GetBytes(target.Inline!.Value.GetRawText());
                targetContentType = JsonContentType;
            }
        }

        bool inline = target.Inline is not null;
        string defaultMethod = scenario.Method ?? (inline ? "POST" : "GET");
        List<RequestKindPlan> kinds;
        if (scenario.Requests is null)
        {
            kinds = [new RequestKindPlan(targetName, 1, defaultMethod, targetPath, targetBody, targetContentType)];
        }
        else
        {
            kinds = [];
            foreach (ScenarioRequest request in scenario.Requests)
            {
                bool pointsAtTarget = request.Path is null && request.Workload is null;
                string path = request.Path ?? (request.Workload is not null ? WorkloadPath(request.Workload) : targetPath);
                byte[] body = pointsAtTarget ? targetBody : [];
                string? contentType = pointsAtTarget ? targetContentType : null;
                if (request.Body is JsonElement element)
                {
                    (body, contentType) = element.ValueKind == JsonValueKind.String
                        ? (Encoding.UTF8.GetBytes(element.GetString()!), TextContentType)
                        : (Encoding.UTF8.GetBytes(element.GetRawText()), JsonContentType);
                }

                string method = request.Method ?? scenario.Method ?? (body.Length > 0 ? "POST" : "GET");
                kinds.Add(new RequestKindPlan(request.Name, request.Weight ?? ScenarioDefaults.Weight, method, path, body, contentType));
            }
        }

        TimeSpan warmUp = scenario.WarmUp is null ? TimeSpan.Zero : Duration(scenario.WarmUp);
        var (phases, sweep) = BuildPhases(scenario.Phases!, warmUp);
        return new LoadPlan
        {
            Name = scenario.Name,
            Origin = origin,
            Kinds = kinds,
            Phases = phases,
            Sweep = sweep,
            Connections = scenario.Connections ?? ScenarioDefaults.Connections,
            RequestTimeout = Duration(scenario.RequestTimeout ?? ScenarioDefaults.RequestTimeout),
            MaxInFlight = scenario.MaxInFlight ?? ScenarioDefaults.MaxInFlight,
            PoissonArrivals = (scenario.Arrivals ?? ScenarioDefaults.Arrivals) == ArrivalModes.Poisson,
            Seed = scenario.Seed,
            Thresholds = BuildThresholds(scenario.Thresholds),
            Interval = Duration(scenario.Interval ?? ScenarioDefaults.Interval),
            WarmUp = warmUp,
            WarmUpPhases = WarmUpOf(phases, warmUp),
        };
    }

    /// <summary>The phases from their start, for <paramref name="warmUp"/>: whole ones, then the one
    /// the warm-up ends in, cut there.</summary>
    internal static List<PhasePlan> WarmUpOf(IReadOnlyList<PhasePlan> phases, TimeSpan warmUp)
    {
        var played = new List<PhasePlan>();
        TimeSpan left = warmUp;
        foreach (PhasePlan phase in phases)
        {
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            if (phase.Duration <= left)
            {
                played.Add(phase);
                left -= phase.Duration;
                continue;
            }

            double reached = left / phase.Duration;
            played.Add(phase with
            {
                Duration = left,
                EndRate = phase.StartRate + ((phase.EndRate - phase.StartRate) * reached),
                EndCopies = (int)Math.Round(phase.StartCopies + ((phase.EndCopies - phase.StartCopies) * reached)),
            });
            break;
        }

        return played;
    }

    /// <summary>The measured phases; a sweep's steps are placed in the run after the warm-up.</summary>
    private static (List<PhasePlan> Phases, SweepPlan? Sweep) BuildPhases(IReadOnlyList<LoadSimulation> phases, TimeSpan warmUp)
    {
        var plans = new List<PhasePlan>(phases.Count);
        SweepPlan? sweepPlan = null;
        TimeSpan elapsed = warmUp;
        double rate = 0;
        int copies = 0;
        for (int i = 0; i < phases.Count; i++)
        {
            LoadSimulation phase = phases[i];
            PhasePlan plan;
            if (phase.Sweep is { } sweep)
            {
                // Each step is a constant-rate phase of its own; all carry the scenario's phase index.
                sweepPlan = SweepOf(i, elapsed, sweep);
                foreach (double stepRate in sweepPlan.Rates)
                {
                    plans.Add(new PhasePlan(i, PhaseKind.SweepStep, sweepPlan.Hold, stepRate, stepRate, 0, 0, TimeSpan.Zero));
                }

                elapsed += sweepPlan.Hold * sweepPlan.Rates.Count;
                rate = sweepPlan.Rates[^1];
                copies = 0;
                continue;
            }

            if (phase.Inject is { } inject)
            {
                plan = new PhasePlan(i, PhaseKind.Inject, Duration(inject.During), inject.Rate, inject.Rate, 0, 0, TimeSpan.Zero);
            }
            else if (phase.RampingInject is { } ramp)
            {
                plan = new PhasePlan(i, PhaseKind.RampingInject, Duration(ramp.During), rate, ramp.Rate, 0, 0, TimeSpan.Zero);
            }
            else if (phase.KeepConstant is { } constant)
            {
                plan = new PhasePlan(i, PhaseKind.KeepConstant, Duration(constant.During), 0, 0, constant.Copies, constant.Copies, Think(constant));
            }
            else if (phase.RampingConstant is { } rampUsers)
            {
                plan = new PhasePlan(i, PhaseKind.RampingConstant, Duration(rampUsers.During), 0, 0, copies, rampUsers.Copies, Think(rampUsers));
            }
            else
            {
                plan = new PhasePlan(i, PhaseKind.Pause, Duration(phase.Pause!), 0, 0, 0, 0, TimeSpan.Zero);
            }

            // A ramp continues from the previous phase only when that phase used the same model.
            rate = plan.IsOpen ? plan.EndRate : 0;
            copies = plan.IsClosed ? plan.EndCopies : 0;
            elapsed += plan.Duration;
            plans.Add(plan);
        }

        return (plans, sweepPlan);
    }

    private static SweepPlan SweepOf(int index, TimeSpan startOffset, SweepSimulation sweep) => new(
        index,
        startOffset,
        Duration(sweep.Hold),
        SweepPlan.RatesOf(sweep.From, sweep.Step, sweep.To),
        sweep.WaitingBudget is null ? null : Duration(sweep.WaitingBudget),
        Duration(sweep.StopWaitingP99 ?? ScenarioDefaults.SweepStopWaitingP99),
        sweep.StopGrowingIntervals ?? ScenarioDefaults.SweepStopGrowingIntervals);

    private static List<ThresholdExpression> BuildThresholds(IReadOnlyList<ThresholdDefinition>? thresholds)
    {
        var parsed = new List<ThresholdExpression>();
        foreach (ThresholdDefinition threshold in thresholds ?? [])
        {
            if (!ThresholdExpression.TryParse(threshold.Expression, threshold.AbortOnFail, out ThresholdExpression? expression, out string? error))
            {
                throw new InvalidOperationException($"A validated threshold did not parse: {error}");
            }

            parsed.Add(expression!);
        }

        return parsed;
    }

    private static TimeSpan Think(ConstantSimulation simulation) =>
        simulation.Think is null ? TimeSpan.Zero : Duration(simulation.Think);

    private static TimeSpan Duration(string text) =>
        DurationText.TryParse(text, out TimeSpan duration)
            ? duration
            : throw new InvalidOperationException($"A validated duration did not parse: \"{text}\"");

    private static string WorkloadPath(string workload) => "/w/" + Uri.EscapeDataString(workload);
}
