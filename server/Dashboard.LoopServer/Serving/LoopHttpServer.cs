using System.Net;
using System.Net.Sockets;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Serving;

/// <summary>
/// The embedded HTTP/1.1 server. Everything runs as loop tasks, as in an asyncio server: an
/// accept task, one task per connection (its child), one task per request (the connection's
/// child) and the handler's own children below it — so the loop's capacity is honest.
/// </summary>
public sealed class LoopHttpServer : IAsyncDisposable
{
    private readonly EventLoop.EventLoop _loop;
    private readonly ILoopRequestHandler _handler;
    private readonly HashSet<LoopConnection> _connections = []; // loop thread only
    private readonly byte[] _tooManyConnections;
    private Socket? _listener;
    private LoopTask? _acceptTask;
    private TimerHandle? _heartbeat;

    internal LoopHttpServer(EventLoop.EventLoop loop, LoopServerOptions options, ILoopRequestHandler handler)
    {
        options.ThrowIfInvalid();
        _loop = loop;
        Options = options;
        _handler = handler;
        _tooManyConnections = HttpResponseWriter.CreateRejection(RequestRejectionReason.TooManyConnections, options);
    }

    public LoopServerOptions Options { get; }

    public LoopServerCounters Counters { get; } = new();

    /// <summary>The address actually bound (useful with port 0).</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Binds the listener (synchronously, so a bad address fails here) and starts the accept task.</summary>
    public void Start()
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(Options.Host), Options.Port);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endPoint);
            listener.Listen(1024);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new InvalidOperationException($"The loop server cannot listen on {endPoint} (LoopServer:Host/LoopServer:Port): {ex.Message}", ex);
        }

        _listener = listener;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptTask = _loop.Spawn($"accept {EndPoint}", "server/accept", AcceptLoopAsync);
        _loop.CallSoon(_ => ScheduleHeartbeat(), null);
    }

    public async Task StopAsync(TimeSpan deadline)
    {
        if (_acceptTask is null)
        {
            return;
        }

        _listener?.Dispose();
        _acceptTask.Cancel(includeChildren: true);
        try
        {
            await _acceptTask.Completion.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }

        _heartbeat?.Cancel();

        // Connections end on their own once cancelled; give them until the deadline.
        var until = DateTime.UtcNow + deadline;
        while (Counters.OpenConnections > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(TimeSpan.FromSeconds(5)));

    internal async Task<LoopResponse> ServeAsync(HttpRequest request)
    {
        Counters.Request();
        LoopTask<LoopResponse> task;
        try
        {
            task = _loop.Spawn(RequestName(request), _handler.KindOf(request), ct => _handler.HandleAsync(request, ct), request.CorrelationId);
        }
        catch (LoopCapacityException ex)
        {
            return LoopResponse.FromText(503, ex.Message, closeConnection: true);
        }

        try
        {
            return await task;
        }
        catch (OperationCanceledException)
        {
            return LoopResponse.FromText(503, "The request was cancelled: the server is stopping.", closeConnection: true);
        }
        catch (Exception ex)
        {
            // The request task is recorded as faulted; the connection answers 500 and goes on.
            Counters.HandlerFailed();
            return LoopResponse.FromText(500, $"500 Internal Server Error: {ex.GetType().Name}: {ex.Message}");
        }
    }

    internal void Forget(LoopConnection connection)
    {
        if (_connections.Remove(connection))
        {
            Counters.ConnectionClosed();
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        var listener = _listener!;
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue; // a client that vanished during the handshake
            }

            client.NoDelay = true;
            if (_connections.Count >= Options.MaxConnections)
            {
                Refuse(client);
                continue;
            }

            var connection = new LoopConnection(client, this);
            try
            {
                _ = _loop.Spawn($"conn {connection.Remote}", "server/connection", connection.RunAsync);
                _connections.Add(connection);
                Counters.ConnectionAccepted();
            }
            catch (LoopCapacityException)
            {
                Refuse(client);
            }
        }
    }

    private void Refuse(Socket client)
    {
        Counters.ConnectionRejected();
        try
        {
            client.Send(_tooManyConnections); // small enough for an empty send buffer: never blocks the loop
            client.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// Kestrel-style heartbeat: one loop timer checks every connection's phase against the
    /// timeouts, instead of a timer per read.
    /// </summary>
    private void ScheduleHeartbeat()
    {
        var shortest = Options.HeaderReadTimeout < Options.KeepAliveIdleTimeout ? Options.HeaderReadTimeout : Options.KeepAliveIdleTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        _heartbeat = _loop.CallLater(period, _ => Heartbeat(), null);
    }

    private void Heartbeat()
    {
        if (_acceptTask is { IsCompleted: true })
        {
            return;
        }

        var now = LoopClock.Now;
        var headerLimit = LoopClock.FromTimeSpan(Options.HeaderReadTimeout);
        var idleLimit = LoopClock.FromTimeSpan(Options.KeepAliveIdleTimeout);
        List<(LoopConnection, TimeoutKind)>? expired = null;
        foreach (var connection in _connections)
        {
            var age = now - connection.PhaseSince;
            var kind = connection.Phase switch
            {
                ConnectionPhase.ReadingRequest when age > headerLimit => TimeoutKind.RequestHeaders,
                ConnectionPhase.Idle when age > idleLimit => TimeoutKind.KeepAliveIdle,
                _ => TimeoutKind.None,
            };
            if (kind != TimeoutKind.None)
            {
                (expired ??= []).Add((connection, kind));
            }
        }

        // Cancelling may complete receives inline; change the set only after walking it.
        foreach (var (connection, kind) in expired ?? [])
        {
            connection.TimeOut(kind);
        }

        ScheduleHeartbeat();
    }

    private static string RequestName(HttpRequest request)
    {
        var target = request.RawTarget.Length <= 96 ? request.RawTarget : request.RawTarget[..96] + "…";
        return request.Method + " " + target;
    }
}
