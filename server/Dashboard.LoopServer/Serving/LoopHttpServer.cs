using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
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
    private readonly Dictionary<IPAddress, int> _connectionsBySource = []; // loop thread only; one entry per address with an open connection
    private readonly Action<string, HttpRequest, Exception>? _onHandlerFailure;
    private readonly byte[] _tooManyConnections;
    private readonly byte[] _tooManyFromSource;
    private Socket? _listener;
    private LoopTask? _acceptTask;
    private TimerHandle? _heartbeat;

    /// <param name="onHandlerFailure">
    /// Told of every handler that threw, with the id its 500 answer names: the detail belongs in
    /// the host's log, never in the answer. Called on the loop thread; it must not block.
    /// </param>
    internal LoopHttpServer(EventLoop.EventLoop loop, LoopServerOptions options, ILoopRequestHandler handler, Action<string, HttpRequest, Exception>? onHandlerFailure = null)
    {
        options.ThrowIfInvalid();
        _loop = loop;
        Options = options;
        _handler = handler;
        _onHandlerFailure = onHandlerFailure;
        _tooManyConnections = HttpResponseWriter.CreateRejection(RequestRejectionReason.TooManyConnections, options);
        _tooManyFromSource = HttpResponseWriter.CreateRejection(RequestRejectionReason.TooManyConnectionsFromSource, options);
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
            // The request task is recorded as faulted; the connection answers 500 and goes on. The
            // answer names an id to find in the log, never the exception: that is for the operator.
            Counters.HandlerFailed();
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            _onHandlerFailure?.Invoke(id, request, ex);
            return LoopResponse.FromText(500, $"500 Internal Server Error: internal error {id} (the loop server's log has the detail)");
        }
    }

    internal void Forget(LoopConnection connection)
    {
        if (_connections.Remove(connection))
        {
            Counters.ConnectionClosed();
            if (connection.Source is { } source && _connectionsBySource.TryGetValue(source, out var open))
            {
                if (open <= 1)
                {
                    _connectionsBySource.Remove(source);
                }
                else
                {
                    _connectionsBySource[source] = open - 1;
                }
            }
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
                Refuse(client, RequestRejectionReason.TooManyConnections);
                continue;
            }

            var connection = new LoopConnection(client, this);
            var fromSource = connection.Source is { } address ? _connectionsBySource.GetValueOrDefault(address) : 0;
            if (fromSource >= Options.MaxConnectionsPerSource)
            {
                Refuse(client, RequestRejectionReason.TooManyConnectionsFromSource);
                continue;
            }

            try
            {
                _ = _loop.Spawn($"conn {connection.Remote}", "server/connection", connection.RunAsync);
                _connections.Add(connection);
                if (connection.Source is { } source)
                {
                    _connectionsBySource[source] = fromSource + 1;
                }

                Counters.ConnectionAccepted();
            }
            catch (LoopCapacityException)
            {
                Refuse(client, RequestRejectionReason.TooManyConnections);
            }
        }
    }

    private void Refuse(Socket client, RequestRejectionReason reason)
    {
        Counters.Refused(reason);
        try
        {
            // Small enough for an empty send buffer: never blocks the loop.
            client.Send(reason == RequestRejectionReason.TooManyConnectionsFromSource ? _tooManyFromSource : _tooManyConnections);
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
        var shortest = new[] { Options.HeaderReadTimeout, Options.KeepAliveIdleTimeout, Options.SendTimeout, Options.MinRequestBodyDataRateGracePeriod }.Min();
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
        List<(LoopConnection, TimeoutKind)>? expired = null;
        foreach (var connection in _connections)
        {
            var kind = Expired(connection, now);
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

    /// <summary>Which limit, if any, the connection has passed in its current phase.</summary>
    private TimeoutKind Expired(LoopConnection connection, long now)
    {
        var age = LoopClock.ToTimeSpan(now - connection.PhaseSince);
        return connection.Phase switch
        {
            ConnectionPhase.ReadingHead when age > Options.HeaderReadTimeout => TimeoutKind.RequestHeaders,
            ConnectionPhase.ReadingBody when age > Options.MinRequestBodyDataRateGracePeriod
                && connection.BodyReceived < Options.MinRequestBodyDataRate * age.TotalSeconds => TimeoutKind.RequestBody,
            ConnectionPhase.Idle when age > Options.KeepAliveIdleTimeout => TimeoutKind.KeepAliveIdle,
            ConnectionPhase.Sending when age > Options.SendTimeout => TimeoutKind.Send,
            _ => TimeoutKind.None,
        };
    }

    private static string RequestName(HttpRequest request)
    {
        var target = request.RawTarget.Length <= 96 ? request.RawTarget : request.RawTarget[..96] + "…";
        return request.Method + " " + target;
    }
}
