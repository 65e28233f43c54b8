using Dashboard.Server.Loop;

namespace Dashboard.Server.Api;

internal static class WorkloadEndpoints
{
    /// <summary><c>GET /api/workloads</c>: the loop server's catalog (name, description, expected times) and files skipped.</summary>
    public static void MapWorkloadEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/workloads", (LoopServerHost loopServer) => Results.Ok(new
        {
            baseAddress = loopServer.BaseAddress.ToString(),
            workloads = loopServer.Catalog.Workloads.Select(w => new
            {
                name = w.Name,
                description = w.Description,
                route = $"/w/{w.Name}",
                expectedAwakeMs = w.Expected.Awake.TotalMilliseconds,
                expectedAsleepMs = w.Expected.Asleep.TotalMilliseconds,
            }),
            errors = loopServer.Catalog.Errors.Select(e => e.ToString()),
        }));
}
