using Dashboard.Contracts.Loop;
using Dashboard.Server.Loop;

namespace Dashboard.Server.Api;

internal static class LoopEndpoints
{
    public static void MapLoopEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Live loop figures: the latest interval and the per-kind breakdown since start.
        endpoints.MapGet("/api/loop", (LoopTelemetry telemetry) => Results.Ok(telemetry.Status()));

        // The recent intervals (bounded by LoopTelemetry:RecentIntervals), oldest first.
        endpoints.MapGet("/api/loop/intervals", (LoopTelemetry telemetry) => Results.Ok(telemetry.RecentIntervals()));

        // The live task tree of every loop, each taken on its loop's thread (bounded by EventLoop:MaxLiveTasksPerQuery per loop).
        endpoints.MapGet("/api/loop/tasks", async (EventLoopHost host) =>
        {
            var live = await Task.WhenAll(host.Loops.Select(l => l.GetLiveTasksAsync()));
            return Results.Ok(live.SelectMany(l => l).Select(LiveTaskMapper.ToContract));
        });
    }
}
