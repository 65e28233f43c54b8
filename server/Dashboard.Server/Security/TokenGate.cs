using Dashboard.Server.Telemetry;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Security;

/// <summary>
/// When a token is required (<see cref="DashboardAccess"/>): the API and the hub answer 401 without
/// it (Blazor's circuit too), pages answer the login page. Open to all: the login page, health
/// probes and the static files every build ships (Blazor's script, the client library's styles,
/// modules and icon), which hold nothing of the user's.
/// </summary>
internal static class TokenGate
{
    private static readonly string[] OpenPrefixes = ["/login", "/health", "/_framework", "/_content", "/favicon.ico"];

    public static IApplicationBuilder UseTokenGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var access = context.RequestServices.GetRequiredService<DashboardAccess>();
        var path = context.Request.Path;
        if (!access.Required || access.Admits(context.Request) || OpenPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        // Machines (scripts, the hub, Prometheus) get a 401 they can read, people the login page.
        var scrapePath = context.RequestServices.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusPath;
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(scrapePath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await CrossSiteGuard.Refuse(context, StatusCodes.Status401Unauthorized, "login required", "token",
                "this dashboard asks for its token: send Authorization: Bearer TOKEN (Prometheus: authorization credentials), or open /login?t=TOKEN in the browser (the token is printed at start)");
            return;
        }

        await LoginPage.WriteAsync(context, StatusCodes.Status401Unauthorized, returnTo: context.Request.Path + context.Request.QueryString, problem: null);
    });
}
