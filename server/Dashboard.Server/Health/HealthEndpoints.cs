using System.Text.Json;
using Dashboard.Server.Configuration;
using Dashboard.Server.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Server.Health;

/// <summary>
/// ASP.NET Core's health checks over the loops, the loop server and the store, answered at three
/// paths: <c>/health</c> (every check; its JSON keeps <c>status</c> and <c>loop</c>),
/// <c>/health/live</c> for a liveness probe (the loops' threads run) and <c>/health/ready</c> for a
/// readiness probe (every loop answers within its bound, the loop server listens, the store is
/// writable, the agents' broker is connected when one is configured). 200 when healthy or degraded, 503 when not.
/// </summary>
internal static class HealthEndpoints
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static IServiceCollection AddDashboardHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<HealthOptions>(configuration, HealthOptions.SectionName, o => o.Validate());
        services.AddSingleton<LoopResponsiveCheck>();
        services.AddHealthChecks()
            .AddCheck<LoopRunningCheck>("loop", tags: [Live, Ready])
            .AddCheck<LoopResponsiveCheck>("loop-responsive", tags: [Ready])
            .AddCheck<LoopServerListeningCheck>("loop-server", tags: [Ready])
            .AddCheck<StoreWritableCheck>("store", tags: [Ready])
            .AddCheck<BrokerHealthCheck>("broker", tags: [Ready]);
        return services;
    }

    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", Options(_ => true));
        endpoints.MapHealthChecks("/health/live", Options(check => check.Tags.Contains(Live)));
        endpoints.MapHealthChecks("/health/ready", Options(check => check.Tags.Contains(Ready)));
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = WriteAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    /// <summary><c>{"status":"healthy","loop":"running","checks":{"store":{"status":"healthy","description":"…","durationMs":0.4}}}</c></summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        // Open to all, so a dashboard that asks for its token tells a caller without it the
        // statuses only: the descriptions name files and addresses.
        var access = context.RequestServices.GetRequiredService<DashboardAccess>();
        var detailed = !access.Required || access.Admits(context.Request);
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", Word(report.Status));
        if (report.Entries.TryGetValue("loop", out var loop))
        {
            json.WriteString("loop", loop.Status == HealthStatus.Healthy ? "running" : "stopped");
        }

        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", Word(entry.Status));
            if (detailed)
            {
                json.WriteString("description", entry.Description);
            }

            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 3));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
