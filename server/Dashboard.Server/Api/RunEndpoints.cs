using System.Buffers;
using System.Text;
using System.Text.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Load.Engine;
using Dashboard.Load.Scenarios;
using Dashboard.Server.History;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Api;

/// <summary>
/// The runs REST API (DESIGN.md, "Interfaces"): start with a scenario, list, read, stop, change
/// the rate or users. Every refusal names the field and what was expected.
/// </summary>
internal static class RunEndpoints
{
    private const int MaxBodyBytes = 256 * 1024;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static void MapRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/scenarios", (ScenarioCatalog catalog) => Results.Ok(new
        {
            scenarios = catalog.Scenarios.Select(s => new { name = s.Name, description = s.Definition.Description, file = s.File, scenario = s.Definition }),
            errors = catalog.Errors,
        }));

        endpoints.MapPost("/api/runs", StartAsync);
        // Live runs and stored ones alike (RunHistory): history survives a restart.
        endpoints.MapGet("/api/runs", (RunHistory history) => Results.Ok(history.List()));
        endpoints.MapGet("/api/runs/{id}", (string id, RunHistory history) => history.Detail(id) is { } detail
            ? Results.Ok(detail)
            : UnknownRun(id));
        endpoints.MapGet("/api/series/{id}", (string id, RunHistory history) => history.Series(id) is { } series
            ? Results.Ok(series)
            : Results.NotFound(Problem("unknown series", "id", $"no design series with id '{id}' (a run of a scenario with designs names its series in \"series\")")));
        endpoints.MapGet("/api/runs/{id}/snapshots", (string id, RunHistory history) => history.Snapshots(id) is { } snapshots
            ? Results.Ok(snapshots)
            : UnknownRun(id));
        endpoints.MapPost("/api/runs/{id}/stop", (string id, RunManager runs) =>
        {
            if (runs.Find(id) is not { } run)
            {
                return UnknownRun(id);
            }

            run.Stop();
            return Results.Accepted($"/api/runs/{id}", run.Info());
        });
        endpoints.MapPatch("/api/runs/{id}", ChangeAsync);
        // A run in memory answers from its ring (or the loop, for a task still alive); a stored one from the stories kept at its end or its samples.
        endpoints.MapGet("/api/runs/{id}/tasks/{taskId:long}", async (string id, long taskId, RunTaskStories stories, CancellationToken cancellationToken) =>
        {
            var found = await stories.FindAsync(id, taskId, cancellationToken);
            if (!found.RunKnown)
            {
                return UnknownRun(id);
            }

            return found.Story is { } story
                ? Results.Ok(story)
                : Results.NotFound(Problem("task not found", "taskId", found.Missing));
        });
    }

    private static async Task<IResult> StartAsync(HttpRequest request, RunManager runs, ScenarioCatalog catalog, CancellationToken cancellationToken)
    {
        ScenarioValidationResult validated;
        if (request.Query["scenario"].FirstOrDefault() is { Length: > 0 } name)
        {
            if (catalog.Find(name) is not { } known)
            {
                var names = string.Join(", ", catalog.Scenarios.Select(s => s.Name));
                return Results.NotFound(Problem("unknown scenario", "scenario", $"no scenario named '{name}' in the catalog; known: {names}"));
            }

            validated = runs.Validate(known.Json);
        }
        else
        {
            var (body, tooLarge) = await ReadBodyAsync(request, cancellationToken);
            if (tooLarge)
            {
                return Results.Json(Problem("scenario too large", "", $"expected a scenario of at most {MaxBodyBytes / 1024} KiB"), statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            if (string.IsNullOrWhiteSpace(body))
            {
                return Results.BadRequest(Problem("no scenario", "", "expected a scenario JSON body (see scenarios/*.json) or ?scenario=NAME for a catalog scenario"));
            }

            validated = runs.Validate(body);
        }

        if (!validated.IsValid)
        {
            return Results.BadRequest(new ValidationProblem("invalid scenario", validated.Errors.Select(e => new FieldError(e.Path, e.Message)).ToArray()));
        }

        try
        {
            var run = await runs.StartAsync(validated, cancellationToken);
            var location = $"/api/runs/{run.Id}";
            return Results.Created(location, new RunCreated(run.Id, location, "/hubs/runs") { Series = run.Series?.Id });
        }
        catch (RunCapacityException ex)
        {
            return Results.Conflict(Problem("too many runs", "", ex.Message));
        }
        catch (ScenarioValidationException ex)
        {
            return Results.BadRequest(new ValidationProblem("invalid scenario", ex.Errors.Select(e => new FieldError(e.Path, e.Message)).ToArray()));
        }
    }

    private static async Task<IResult> ChangeAsync(string id, HttpRequest request, RunManager runs, CancellationToken cancellationToken)
    {
        if (runs.Find(id) is not { } run)
        {
            return UnknownRun(id);
        }

        var (body, tooLarge) = await ReadBodyAsync(request, cancellationToken);
        if (tooLarge || string.IsNullOrWhiteSpace(body))
        {
            return Results.BadRequest(Problem("invalid change", "", "expected a JSON body like {\"rate\": 200} or {\"users\": 20}"));
        }

        RunChange? change;
        try
        {
            change = JsonSerializer.Deserialize<RunChange>(body, Web);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p ? p[2..] : "";
            return Results.BadRequest(Problem("invalid change", path, $"expected {{\"rate\": number}} or {{\"users\": integer}}: {ex.Message.Split(" Path:")[0]}"));
        }

        if (!run.IsRunning)
        {
            return Results.Conflict(Problem("run not running", "", $"run {id} has ended; only a running run can change"));
        }

        var errors = run.Change(change ?? new RunChange());
        return errors.Count == 0
            ? Results.Ok(run.Info())
            : Results.BadRequest(new ValidationProblem("invalid change", errors));
    }

    /// <summary>
    /// The body as text, read a chunk at a time: a small scenario costs its size, not the limit,
    /// and a body over the limit is refused as soon as it passes it.
    /// </summary>
    private static async Task<(string Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return ("", true);
        }

        using var body = new MemoryStream(request.ContentLength is > 0 and var length ? (int)length : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > MaxBodyBytes)
                {
                    return ("", true);
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length), false);
    }

    private static IResult UnknownRun(string id) =>
        Results.NotFound(Problem("unknown run", "id", $"no run with id '{id}' (GET /api/runs lists them)"));

    private static ValidationProblem Problem(string title, string path, string message) => new(title, [new FieldError(path, message)]);
}
