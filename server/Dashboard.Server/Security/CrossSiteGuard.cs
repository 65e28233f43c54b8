using Dashboard.Contracts.Runs;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Server.Security;

/// <summary>
/// No other site may change anything here, whatever the binding: a request that changes state
/// (POST, PUT, PATCH, DELETE under /api) and any request to a live connection (the runs hub,
/// Blazor's circuit: either can start, stop and change runs) is refused with 403 when its
/// Origin is not the dashboard's own or Sec-Fetch-Site says another site sent it; a body must be
/// application/json (415 otherwise), which a plain HTML form cannot send. Scripts (curl) send
/// neither header and pass.
/// </summary>
internal static class CrossSiteGuard
{
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var hub = request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);
        var changes = request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
        if (hub || changes)
        {
            if (Refusal(request) is { } reason)
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "cross-site request", "origin", reason);
                return;
            }

            if (changes && HasBody(request) && !IsJson(request.ContentType))
            {
                await Refuse(context, StatusCodes.Status415UnsupportedMediaType, "unsupported body", "Content-Type",
                    $"expected application/json, got {(string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"'{request.ContentType}'")}");
                return;
            }
        }

        await next(context);
    });

    /// <summary>Why the request looks sent by another site; null when it does not.</summary>
    internal static string? Refusal(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site")
        {
            return $"the browser says another site sent this request (Sec-Fetch-Site: {fetchSite}); only the dashboard's own pages may";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            var own = $"{request.Scheme}://{request.Host.Value}";
            if (!string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
            {
                return $"Origin {origin} is not the dashboard's own ({own})";
            }
        }

        return null;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    internal static Task Refuse(HttpContext context, int status, string title, string path, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ValidationProblem(title, [new FieldError(path, message)]));
    }
}
