using Dashboard.Client.Layout;

namespace Dashboard.Server.Security;

/// <summary>
/// Headers on every answer: no sniffing, no referrer, no framing, and a Content-Security-Policy
/// that allows exactly what each kind of answer needs. Pages: their own files, the import map by
/// this request's nonce (<see cref="ScriptNonce"/>), inline style attributes (share bars), and
/// connections to their own origin (Blazor's circuit, the hub). Reports (HTML from /api): their
/// inline styles and SVG, sandboxed, nothing else. Everything else: nothing at all.
/// </summary>
internal static class SecurityHeaders
{
    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-downloads; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    public const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = PolicyFor(context);
            return Task.CompletedTask;
        });
        return next(context);
    });

    public static string PagePolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static string PolicyFor(HttpContext context)
    {
        var html = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        if (!html)
        {
            return DataPolicy;
        }

        // A report is a document of its own: shown inline, it must run nothing and reach nothing.
        return context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? ReportPolicy
            : PagePolicy(ScriptNonce.Of(context));
    }
}
