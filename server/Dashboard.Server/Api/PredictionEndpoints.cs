using Dashboard.Contracts.Runs;

namespace Dashboard.Server.Api;

/// <summary>
/// <c>GET /api/runs/{id}/prediction?rate=R</c>: mean waiting the queueing models predict at a chosen
/// rate from the run's measured service time. 404 for an unknown run, 400 naming the rate for a bad
/// one, 409 while the run has no measured service time.
/// </summary>
internal static class PredictionEndpoints
{
    public static void MapPredictionEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/runs/{id}/prediction", (string id, HttpRequest request, IWhatIfPredictor predictor) =>
        {
            var rates = request.Query["rate"];
            if (rates.Count > 1)
            {
                return Results.BadRequest(new ValidationProblem("invalid rate", [new FieldError("rate", $"expected one rate, got {rates.Count}")]));
            }

            var answer = predictor.Predict(id, rates.FirstOrDefault());
            return answer.Outcome switch
            {
                WhatIfOutcome.Predicted => Results.Ok(answer.Prediction),
                WhatIfOutcome.UnknownRun => Results.NotFound(new ValidationProblem("unknown run", answer.Errors)),
                WhatIfOutcome.InvalidRate => Results.BadRequest(new ValidationProblem("invalid rate", answer.Errors)),
                _ => Results.Conflict(new ValidationProblem("no service time yet", answer.Errors)),
            };
        });
}
