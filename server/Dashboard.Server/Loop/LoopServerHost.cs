using Dashboard.Contracts.Loop;
using Dashboard.LoopServer;
using Dashboard.LoopServer.Serving;
using Dashboard.LoopServer.Workloads;
using Dashboard.LoopServer.Workloads.Execution;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Loop;

/// <summary>
/// Starts the embedded loop HTTP server (127.0.0.1:5080 by default) with the host, on the host's
/// loops (<c>LoopServer:Loops</c>), with the workload catalog behind <c>/w/{name}</c>.
/// </summary>
internal sealed partial class LoopServerHost(
    EventLoopHost loopHost,
    ProcessPoolHost processPool,
    IOptions<LoopServerOptions> options,
    IOptions<WorkloadCatalogOptions> catalogOptions,
    ILogger<LoopServerHost> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private LoopHttpServer? _server;
    private WorkloadExecutor[] _executors = [];

    /// <summary>The running server, or null before start.</summary>
    public LoopHttpServer? Server => _server;

    /// <summary>The loaded catalog (valid files only; <see cref="WorkloadCatalog.Errors"/> lists the rest).</summary>
    internal WorkloadCatalog Catalog { get; private set; } = null!;

    public Uri BaseAddress => _server?.EndPoint is { } endPoint
        ? new Uri($"http://{endPoint}/")
        : throw new InvalidOperationException("The loop server has not started.");

    /// <summary>Its counters, refusals by reason included; null before start.</summary>
    public LoopServerStatus? Status()
    {
        if (_server is not { EndPoint: not null } server)
        {
            return null;
        }

        var counters = server.Counters;
        return new LoopServerStatus
        {
            Address = BaseAddress.ToString(),
            OpenConnections = counters.OpenConnections,
            ConnectionsAccepted = counters.ConnectionsAccepted,
            Requests = counters.Requests,
            HandlerFailures = counters.HandlerFailures,
            IdleClosed = counters.IdleClosed,
            Refusals = counters.RefusalsByReason(server.Options),
        };
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Catalog = WorkloadCatalog.Load(catalogOptions.Value);
        foreach (var error in Catalog.Errors)
        {
            LogCatalogError(logger, error.ToString());
        }

        lock (_gate)
        {
            var shards = loopHost.Loops.Select(loop => (loop, HandlerFor(loop))).ToArray();
            _server = new LoopHttpServer(shards, options.Value,
                (id, request, error) => LogHandlerFailure(logger, id, request.Method, request.RawTarget, error));
            _server.Start();
            loopHost.LoopAdded += Serve;
            foreach (var later in loopHost.Loops.Skip(_server.LoopCount))
            {
                Serve(later);
            }
        }

        LogListening(logger, _server.EndPoint!.ToString(), loopHost.Loops.Count, Catalog.Workloads.Length);
        return Task.CompletedTask;
    }

    /// <summary>Serves on a loop started after the host's own (a run asked for more).</summary>
    private void Serve(EventLoop.EventLoop loop)
    {
        lock (_gate)
        {
            if (_server is { } server && loop.Index == server.LoopCount)
            {
                server.AddLoop(loop, HandlerFor(loop));
            }
        }
    }

    /// <summary>The routes of one loop, with an executor of its own: its backend pools and request numbering belong to that loop's thread.</summary>
    private ILoopRequestHandler HandlerFor(EventLoop.EventLoop loop)
    {
        var executor = new WorkloadExecutor(loop, processes: processPool.Pool);
        _executors = [.. _executors, executor];
        return new LoopRequestRouter(new WorkloadRoutes(Catalog, executor, catalogOptions.Value.Limits));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        loopHost.LoopAdded -= Serve;
        if (_server is not null)
        {
            await _server.StopAsync(TimeSpan.FromSeconds(5));
        }

        WorkloadExecutor[] executors;
        lock (_gate)
        {
            executors = _executors;
        }

        foreach (var executor in executors)
        {
            await executor.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Loop server listening on http://{EndPoint} on {Loops} loop(s) with {Count} catalog workloads")]
    private static partial void LogListening(ILogger logger, string endPoint, int loops, int count);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Workload catalog file skipped: {Error}")]
    private static partial void LogCatalogError(ILogger logger, string error);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "Loop server answered 500 (internal error {Id}) to {Method} {Target}")]
    private static partial void LogHandlerFailure(ILogger logger, string id, string method, string target, Exception error);
}
