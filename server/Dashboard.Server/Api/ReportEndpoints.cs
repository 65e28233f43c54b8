using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Reports;
using Dashboard.Server.Reports.Compare;
using Dashboard.Server.Reports.Latency;
using Dashboard.Server.Storage;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Server.Api;

/// <summary>
/// Reports (DESIGN.md, "Interfaces"): <c>/api/runs/{id}/report.html</c>, <c>report.json</c>,
/// <c>report.csv.zip</c>, <c>trace.json</c>, <c>latency.hlog</c>, and comparing two runs. Each download is named after
/// its run and start time. The HTML opens in the browser unless <c>?download=1</c>.
/// </summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        foreach (var exporter in RunExporters.All)
        {
            endpoints.MapGet($"/api/runs/{{id}}/{exporter.ApiFile}", (string id, HttpContext context, RunHistory history) =>
            {
                if (history.Record(id) is not { } run)
                {
                    return UnknownRun(id);
                }

                var inline = exporter.ContentType.StartsWith("text/html", StringComparison.Ordinal) && context.Request.Query["download"] != "1";
                return File(context, exporter.ToBytes(run), exporter.ContentType, exporter.FileName(run), inline);
            });
        }

        endpoints.MapGet($"/api/runs/{{id}}/{LatencyLog.ApiFile}", async (string id, HttpContext context, RunHistory history, RunRecorder recorder) =>
        {
            if (history.Detail(id) is not { } detail)
            {
                return UnknownRun(id);
            }

            // What the run measured until now: written by the recorder as it goes.
            await recorder.FlushAsync(TimeSpan.FromSeconds(2));
            var intervals = history.LatencyIntervals(id);
            if (intervals.Count == 0)
            {
                return Results.NotFound(new ValidationProblem("no latency log", [new FieldError("id",
                    $"run '{id}' has no measured interval stored yet (a run stored before latency logs were kept has none)")]));
            }

            using var log = new MemoryStream();
            LatencyLog.Write(detail.Run, intervals, log);
            return File(context, log.ToArray(), LatencyLog.ContentType, LatencyLog.FileName(detail.Run), inline: false);
        });

        endpoints.MapGet("/api/series/{id}/report.html", (string id, HttpContext context, RunHistory history) =>
            history.Series(id) is { } series
                ? File(context, SeriesHtml.Export(series), "text/html; charset=utf-8", SeriesHtml.FileName(series), inline: context.Request.Query["download"] != "1")
                : Results.NotFound(new ValidationProblem("unknown series", [new FieldError("id", $"no design series with id '{id}'")])));

        endpoints.MapGet("/api/compare", (string? a, string? b, RunHistory history) =>
            Pair(a, b, history, out var first, out var second) is { } refusal ? refusal : Results.Ok(RunComparer.Compare(first!, second!)));

        endpoints.MapGet("/api/compare.html", (string? a, string? b, HttpContext context, RunHistory history) =>
            Pair(a, b, history, out var first, out var second) is { } refusal
                ? refusal
                : File(context, ComparisonHtml.Export(first!, second!), "text/html; charset=utf-8", ComparisonHtml.FileName(first!, second!), inline: context.Request.Query["download"] != "1"));
    }

    private static IResult? Pair(string? a, string? b, RunHistory history, out RunRecord? first, out RunRecord? second)
    {
        first = null;
        second = null;
        var missing = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(a))
        {
            missing.Add(new FieldError("a", "expected ?a=RUN_ID (GET /api/runs lists them)"));
        }

        if (string.IsNullOrWhiteSpace(b))
        {
            missing.Add(new FieldError("b", "expected &b=RUN_ID (GET /api/runs lists them)"));
        }

        if (missing.Count > 0)
        {
            return Results.BadRequest(new ValidationProblem("two runs to compare", missing));
        }

        first = history.Record(a!);
        second = history.Record(b!);
        var unknown = new List<FieldError>();
        if (first is null)
        {
            unknown.Add(new FieldError("a", $"no run with id '{a}' (GET /api/runs lists them)"));
        }

        if (second is null)
        {
            unknown.Add(new FieldError("b", $"no run with id '{b}' (GET /api/runs lists them)"));
        }

        return unknown.Count > 0 ? Results.NotFound(new ValidationProblem("unknown run", unknown)) : null;
    }

    private static IResult File(HttpContext context, byte[] bytes, string contentType, string fileName, bool inline)
    {
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        // A running run's report changes with every interval.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(bytes, contentType);
    }

    private static IResult UnknownRun(string id) =>
        Results.NotFound(new ValidationProblem("unknown run", [new FieldError("id", $"no run with id '{id}' (GET /api/runs lists them)")]));
}
