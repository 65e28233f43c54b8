using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Runs;

/// <summary>
/// "What if the rate were R?" for the run pages: the same rules and answers as
/// <c>GET /api/runs/{id}/prediction?rate=R</c>, so the page's plain form and the API agree word for word.
/// </summary>
public interface IWhatIfPredictor
{
    /// <summary>
    /// Predicts mean waiting at <paramref name="rate"/> (the text as typed: parsed and checked here)
    /// from the run's measured service time and its arrival variability.
    /// </summary>
    WhatIfAnswer Predict(string runId, string? rate);
}

/// <summary>How a what-if question ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WhatIfOutcome>))]
public enum WhatIfOutcome
{
    Predicted,

    /// <summary>No run with that id is kept (in memory or stored).</summary>
    UnknownRun,

    /// <summary>The rate is missing, not a number, not finite, not above 0 or above the engine's limit.</summary>
    InvalidRate,

    /// <summary>The run has no measured service time yet (no request completed on the loop).</summary>
    NoServiceTime,
}

/// <summary>A prediction (when <see cref="Outcome"/> is Predicted), else the problems, each naming its field.</summary>
public sealed record WhatIfAnswer(WhatIfOutcome Outcome, WhatIfPrediction? Prediction, IReadOnlyList<FieldError> Errors);
