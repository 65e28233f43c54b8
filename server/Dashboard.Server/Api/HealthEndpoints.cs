using Dashboard.Server.Loop;

namespace Dashboard.Server.Api;

internal static class HealthEndpoints
{
    /// <summary><c>GET /health</c>: 200 while every loop runs, 503 when one does not.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/health", (EventLoopHost host) => host.AllRunning
            ? Results.Ok(new { status = "healthy", loop = "running" })
            : Results.Json(new { status = "unhealthy", loop = "stopped" }, statusCode: StatusCodes.Status503ServiceUnavailable));
}
