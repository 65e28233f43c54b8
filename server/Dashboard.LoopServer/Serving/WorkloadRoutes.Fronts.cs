using Dashboard.LoopServer.Http;
using Dashboard.LoopServer.Workloads;
using Dashboard.LoopServer.Workloads.Execution;
using Dashboard.LoopServer.Workloads.Pool;
using Dashboard.LoopServer.Workloads.Processes;

namespace Dashboard.LoopServer.Serving;

/// <summary>
/// Two designs that put a synchronous handler in front of a workload (seed lessons; README, "Synchronous fronts"):
/// <list type="bullet">
/// <item><c>/sync/w/{name}</c>: the handler runs on a thread-pool thread in blocking style and submits the
/// workload to the loop thread, then blocks until the loop answers (asyncio's
/// <c>run_coroutine_threadsafe</c>, Twisted's <c>blockingCallFromThread</c>). The submitted task
/// (kind <c>{name}/submitted</c>) waits in the loop's queue for the cross-thread hop, and the
/// request's thread-pool thread is held for the whole workload.</item>
/// <item><c>/private-loop/w/{name}</c>: the handler, on a thread-pool thread, starts a private loop of its own for
/// this request, runs the workload to completion on it (<c>run_until_complete</c>) and throws it
/// away: a thread started and stopped per request, backend pools that live one request, and tasks
/// the dashboard never sees. Why not to do this at home.</item>
/// </list>
/// </summary>
internal sealed partial class WorkloadRoutes
{
    private const string SyncPrefix = "/sync/w/";
    private const string PrivateLoopPrefix = "/private-loop/w/";

    private enum Front
    {
        Sync,
        PrivateLoop,
    }

    private static Front? FrontOf(string path) =>
        path.StartsWith(SyncPrefix, StringComparison.Ordinal) ? Front.Sync
        : path.StartsWith(PrivateLoopPrefix, StringComparison.Ordinal) ? Front.PrivateLoop
        : null;

    private static string PrefixOf(Front front) => front == Front.Sync ? SyncPrefix : PrivateLoopPrefix;

    /// <summary>The request task's kind: the front and the workload's name (known names only, as for /w/{name}).</summary>
    private string FrontKind(Front front, string path)
    {
        var name = path[PrefixOf(front).Length..];
        var label = front == Front.Sync ? "sync/" : "private-loop/";
        return catalog.TryGet(name, out _) ? label + name : label + "(unknown workload)";
    }

    private async Task<LoopResponse> HandleFrontAsync(Front front, HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Method is not ("GET" or "POST" or "HEAD"))
        {
            return Error(405, $"{request.Method} is not allowed on {request.Path}: use GET or POST");
        }

        var name = request.Path[PrefixOf(front).Length..];
        if (!catalog.TryGet(name, out var workload))
        {
            return Error(404, $"no workload named '{name}' in the catalog; known: {string.Join(", ", catalog.Workloads.Select(w => w.Name))}");
        }

        try
        {
            // The request task sleeps on the loop while a thread-pool thread plays the synchronous handler.
            var result = await executor.Loop.RunInExecutor(
                () => front == Front.Sync ? SubmitAndBlock(workload, cancellationToken) : RunOnAPrivateLoop(workload, cancellationToken),
                cancellationToken);
            return new LoopResponse(200, LoopResponse.Json, result.ToJsonUtf8());
        }
        catch (Exception ex) when (ex is BackendPoolException or ProcessPoolException)
        {
            return Error(503, ex.Message);
        }
    }

    /// <summary>On a thread-pool thread: hands the workload to the loop thread and blocks until it is done.</summary>
    private WorkloadRunResult SubmitAndBlock(Workload workload, CancellationToken cancellationToken)
    {
        var submitted = executor.Loop.Spawn(workload.Name, workload.Name + "/submitted", token => executor.RunAsync(workload, token));
        using var cancel = cancellationToken.Register(static task => ((EventLoop.LoopTask)task!).Cancel(), submitted);
        return submitted.Completion.GetAwaiter().GetResult();
    }

    /// <summary>On a thread-pool thread: a loop started for this request alone, run until the workload completes, then stopped.</summary>
    private WorkloadRunResult RunOnAPrivateLoop(Workload workload, CancellationToken cancellationToken)
    {
        var loop = new EventLoop.EventLoop(new EventLoop.EventLoopOptions { Name = "private-loop" });
        loop.Start();
        var privateExecutor = executor.For(loop);
        try
        {
            var task = loop.Spawn(workload.Name, workload.Name, token => privateExecutor.RunAsync(workload, token));
            using var cancel = cancellationToken.Register(static t => ((EventLoop.LoopTask)t!).Cancel(), task);
            return task.Completion.GetAwaiter().GetResult();
        }
        finally
        {
            // Blocking on async teardown from a pool thread: each needs another pool thread to finish,
            // which is part of why this design slows everything down under load.
            privateExecutor.DisposeAsync().AsTask().GetAwaiter().GetResult();
            loop.StopAsync(TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();
        }
    }
}
