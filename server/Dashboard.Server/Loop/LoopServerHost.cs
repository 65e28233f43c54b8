using Dashboard.LoopServer;
using Dashboard.LoopServer.Serving;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Loop;

/// <summary>Starts the embedded loop HTTP server (127.0.0.1:5080 by default) with the host, on the host's loop.</summary>
internal sealed partial class LoopServerHost(EventLoopHost loopHost, IOptions<LoopServerOptions> options, ILogger<LoopServerHost> logger) : IHostedService
{
    private LoopHttpServer? _server;

    /// <summary>The running server, or null before start.</summary>
    public LoopHttpServer? Server => _server;

    public Uri BaseAddress => _server?.EndPoint is { } endPoint
        ? new Uri($"http://{endPoint}/")
        : throw new InvalidOperationException("The loop server has not started.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new LoopHttpServer(loopHost.Loop, options.Value, new LoopRequestRouter());
        _server.Start();
        LogListening(logger, _server.EndPoint!.ToString());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _server?.StopAsync(TimeSpan.FromSeconds(5)) ?? Task.CompletedTask;

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Loop server listening on http://{EndPoint}")]
    private static partial void LogListening(ILogger logger, string endPoint);
}
