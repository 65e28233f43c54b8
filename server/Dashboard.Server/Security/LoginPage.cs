using System.Net;

namespace Dashboard.Server.Security;

/// <summary>
/// <c>/login</c>: the token exchanged for a cookie (HttpOnly, SameSite=Strict), then back to the
/// page asked for. <c>/login?t=TOKEN</c> is the URL printed at start; <c>/login</c> alone asks for it.
/// </summary>
internal static class LoginPage
{
    public const string Path = "/login";

    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context, DashboardAccess access, string? t, string? r) =>
        {
            var returnTo = LocalPath(r);
            if (!access.Required)
            {
                // Loopback only and no token asked for: nothing to log in to.
                context.Response.Redirect(returnTo);
                return Task.CompletedTask;
            }

            if (t is null)
            {
                return WriteAsync(context, StatusCodes.Status200OK, returnTo, problem: null);
            }

            if (!access.Matches(t))
            {
                return WriteAsync(context, StatusCodes.Status401Unauthorized, returnTo, "That is not this dashboard's token: it is printed when the dashboard starts (or set as Dashboard:Token).");
            }

            context.Response.Cookies.Append(DashboardAccess.CookieName, access.Token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = access.LoginLifetime,
            });
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect(returnTo);
            return Task.CompletedTask;
        }).ExcludeFromDescription();
        return endpoints;
    }

    public static async Task WriteAsync(HttpContext context, int status, string returnTo, string? problem)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var error = problem is null ? "" : $"<p class=\"notice notice-bad\" role=\"alert\">{WebUtility.HtmlEncode(problem)}</p>";
        await context.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Log in · Loop dashboard</title>
            <link rel="icon" type="image/svg+xml" href="/{{Ui.DashboardUi.FaviconPath}}">
            <link rel="stylesheet" href="/_content/Dashboard.Client/css/site.css">
            </head>
            <body>
            <main class="content">
            <section class="panel login" aria-labelledby="login-title">
            <h1 id="login-title">Log in to the loop dashboard</h1>
            <p>This dashboard can be reached from other machines, so it asks for its token. The dashboard printed a login link when it started (<code>/login?t=…</code>); open it, or paste the token here.</p>
            {{error}}
            <form method="get" action="{{Path}}">
            <input type="hidden" name="r" value="{{WebUtility.HtmlEncode(returnTo)}}">
            <label for="token">Token</label>
            <input id="token" name="t" type="password" autocomplete="current-password" required>
            <button type="submit" class="button primary">Log in</button>
            </form>
            </section>
            </main>
            </body>
            </html>
            """);
    }

    /// <summary>Only a path on this dashboard: never another site (an open redirect).</summary>
    private static string LocalPath(string? returnTo) =>
        returnTo is { Length: > 0 } r && r[0] == '/' && !r.StartsWith("//", StringComparison.Ordinal) && !r.StartsWith("/\\", StringComparison.Ordinal) && !r.StartsWith(Path, StringComparison.OrdinalIgnoreCase)
            ? r
            : "/";
}
