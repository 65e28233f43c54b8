using System.Globalization;
using Dashboard.Contracts.Runs;
using Dashboard.Load;
using Dashboard.Server.History;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Analysis;

/// <summary>
/// "What if the rate were R?": M/G/1 and Kingman at a chosen rate from a run's measured service
/// time (RunInfo.Prediction, awake time plus the loop's overhead per request) and its scenario's
/// arrival variability. Runs in memory and stored runs alike (<see cref="RunHistory"/>); the
/// what-if API and the live page's form both ask here, so they refuse the same input in the same words.
/// </summary>
internal sealed class WhatIfPredictor(RunHistory history, IOptions<LoadEngineOptions> engine) : IWhatIfPredictor
{
    /// <summary>Longest piece of a refused value quoted back in a message.</summary>
    private const int MaxEcho = 40;

    public WhatIfAnswer Predict(string runId, string? rate)
    {
        if (string.IsNullOrWhiteSpace(runId) || history.Detail(runId) is not { } detail)
        {
            return Refused(WhatIfOutcome.UnknownRun, "id", $"no run with id '{Echo(runId ?? "")}' (GET /api/runs lists them)");
        }

        if (ParseRate(rate, engine.Value.MaxRate) is { } problem)
        {
            return Refused(WhatIfOutcome.InvalidRate, "rate", problem);
        }

        var chosen = double.Parse(rate!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (detail.Run.Prediction is not { ServiceMeanMs: > 0 } measured || !double.IsFinite(measured.ServiceMeanMs))
        {
            var why = detail.Run.ElapsedSeconds < detail.Run.WarmUpSeconds
                ? $"it is warming up, and its service time is measured after the warm-up ({detail.Run.WarmUpSeconds:0.###} s)"
                : "no request of it has completed on the loop";
            return Refused(WhatIfOutcome.NoServiceTime, "", $"run {detail.Run.Id} has no measured service time yet: {why}");
        }

        var arrivalCv2 = QueueingAssumptions.ArrivalCv2(detail.Scenario.Arrivals);
        var serviceCv2 = double.IsFinite(measured.ServiceCv2) ? Math.Max(0, measured.ServiceCv2) : 0;
        // As the run was spread: each of its loops a queue of its own with an equal share of the rate.
        var queues = Math.Max(1, measured.Queues);
        var predicted = QueueingPrediction.PredictSpread(Enumerable.Repeat(chosen / queues, queues).ToArray(), measured.ServiceMeanMs, serviceCv2, arrivalCv2);
        return new WhatIfAnswer(
            WhatIfOutcome.Predicted,
            new WhatIfPrediction(
                chosen,
                measured.ServiceMeanMs,
                serviceCv2,
                arrivalCv2,
                predicted.Utilization,
                Finite(predicted.MeanWaitingMs),
                Finite(predicted.KingmanWaitingMs),
                QueueingAssumptions.Describe(arrivalCv2, queues))
            {
                Queues = queues,
            },
            []);
    }

    /// <summary>What is wrong with the rate as typed, or null when it is a usable rate.</summary>
    internal static string? ParseRate(string? text, double maxRate)
    {
        var limit = maxRate.ToString("#,0.##", CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"expected a rate in requests per second, above 0 and at most {limit}, e.g. rate=500";
        }

        var trimmed = text.Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
        {
            return $"expected a number of requests per second (digits, a dot for decimals), got '{Echo(trimmed)}'";
        }

        if (!double.IsFinite(rate))
        {
            return $"expected a finite number of requests per second, got '{Echo(trimmed)}'";
        }

        if (rate <= 0)
        {
            return $"expected a rate above 0 requests per second, got {Echo(trimmed)}";
        }

        return rate > maxRate
            ? $"expected a rate of at most {limit} requests per second (the load engine's limit, LoadEngine:MaxRate), got {Echo(trimmed)}"
            : null;
    }

    private static WhatIfAnswer Refused(WhatIfOutcome outcome, string path, string message) =>
        new(outcome, null, [new FieldError(path, message)]);

    private static string Echo(string text) => text.Length <= MaxEcho ? text : text[..MaxEcho] + "…";

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
