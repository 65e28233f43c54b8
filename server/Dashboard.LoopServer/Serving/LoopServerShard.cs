using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Serving;

/// <summary>
/// One loop's part of the server: its loop and handler, the connections it serves (each a task on
/// its loop), its accept task and its heartbeat. The first shard's accept task reads the listening
/// socket; every other shard's reads the sockets the first hands over, so each loop's task tree
/// reads accept → connection → request whichever loop it is.
/// </summary>
internal sealed class LoopServerShard
{
    private readonly LoopHttpServer _server;
    private readonly HashSet<LoopConnection> _connections = []; // loop thread only
    private readonly Channel<Socket> _handedOver = Channel.CreateUnbounded<Socket>(new UnboundedChannelOptions { SingleReader = false });
    private int _openConnections;
    // Written on this shard's loop thread only (a request is served inside its connection's task):
    // plain writes, no interlocked operation on the request path, and no line shared with other loops.
    private long _requests;
    private int _inFlight;
    private TimerHandle? _heartbeat;

    public LoopServerShard(LoopHttpServer server, EventLoop.EventLoop loop, ILoopRequestHandler handler)
    {
        _server = server;
        Loop = loop;
        Handler = handler;
    }

    public EventLoop.EventLoop Loop { get; }

    public ILoopRequestHandler Handler { get; }

    public LoopServerOptions Options => _server.Options;

    public LoopServerCounters Counters => _server.Counters;

    /// <summary>This shard's accept task (reading the listener, or the hand-overs), once started.</summary>
    public LoopTask? AcceptTask { get; private set; }

    /// <summary>Connections assigned to this loop and not yet closed (counted from the moment of assignment).</summary>
    public int OpenConnections => Volatile.Read(ref _openConnections);

    /// <summary>Requests this loop has served or is serving.</summary>
    public long Requests => Volatile.Read(ref _requests);

    /// <summary>Requests this loop is serving now (their task spawned, their answer not yet made).</summary>
    public int RequestsInFlight => Volatile.Read(ref _inFlight);

    /// <summary>Starts the accept task on this shard's loop: <paramref name="acceptLoop"/> for the listening shard, else the hand-over reader.</summary>
    public void Start(string name, Func<CancellationToken, Task>? acceptLoop)
    {
        AcceptTask = Loop.Spawn(name, "server/accept", acceptLoop ?? ReadHandOversAsync);
        Loop.CallSoon(static s => ((LoopServerShard)s!).ScheduleHeartbeat(), this);
    }

    /// <summary>Cancels the accept task and every connection under it; refuses nothing more.</summary>
    public void Stop()
    {
        _handedOver.Writer.TryComplete();
        AcceptTask?.Cancel(includeChildren: true);
        _heartbeat?.Cancel();
        while (_handedOver.Reader.TryRead(out var orphan))
        {
            var source = SourceOf(orphan);
            orphan.Dispose();
            Release(source);
        }
    }

    /// <summary>Counts a connection against this loop before it runs here (the spreading reads the count).</summary>
    public void Assign() => Interlocked.Increment(ref _openConnections);

    /// <summary>
    /// Runs an assigned client as a connection task of the current task (the accept task), on this
    /// loop's thread; refuses it when the loop is at its task limit.
    /// </summary>
    public void Adopt(Socket client)
    {
        var connection = new LoopConnection(client, this);
        try
        {
            _ = Loop.Spawn($"conn {connection.Remote}", "server/connection", connection.RunAsync);
            _connections.Add(connection);
            Counters.ConnectionAccepted();
        }
        catch (LoopCapacityException)
        {
            Release(connection.Source);
            _server.Refuse(client, RequestRejectionReason.TooManyConnections);
        }
    }

    /// <summary>Hands an assigned client to this loop's accept task, from another loop's thread.</summary>
    public void HandOver(Socket client)
    {
        if (!_handedOver.Writer.TryWrite(client))
        {
            Release(SourceOf(client));
            _server.Refuse(client, RequestRejectionReason.TooManyConnections);
        }
    }

    internal static IPAddress? SourceOf(Socket client) => (client.RemoteEndPoint as IPEndPoint)?.Address;

    /// <summary>Serves one request as a loop task; measured (<see cref="LoopServerMetrics"/>) only while someone listens.</summary>
    internal async Task<LoopResponse> ServeAsync(HttpRequest request)
    {
        var started = LoopServerMetrics.Enabled ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        var kind = Handler.KindOf(request);
        Counters.Request();
        Volatile.Write(ref _requests, _requests + 1);
        LoopResponse response;
        try
        {
            var task = Loop.Spawn(RequestName(request), kind, ct => Handler.HandleAsync(request, ct), request.CorrelationId);
            Volatile.Write(ref _inFlight, _inFlight + 1);
            try
            {
                response = await task;
            }
            finally
            {
                Volatile.Write(ref _inFlight, _inFlight - 1);
            }
        }
        catch (LoopCapacityException ex)
        {
            response = LoopResponse.FromText(503, ex.Message, closeConnection: true);
        }
        catch (OperationCanceledException)
        {
            response = LoopResponse.FromText(503, "The request was cancelled: the server is stopping.", closeConnection: true);
        }
        catch (Exception ex)
        {
            // The request task is recorded as faulted; the connection answers 500 and goes on. The
            // answer names an id to find in the log, never the exception: that is for the operator.
            Counters.HandlerFailed();
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            _server.HandlerFailed(id, request, ex);
            response = LoopResponse.FromText(500, $"500 Internal Server Error: internal error {id} (the loop server's log has the detail)");
        }

        if (started != 0)
        {
            LoopServerMetrics.Record(request, kind, response.Status, started);
        }

        return response;
    }

    /// <summary>A connection of this loop ended (on this loop's thread).</summary>
    internal void Forget(LoopConnection connection)
    {
        if (_connections.Remove(connection))
        {
            Counters.ConnectionClosed();
            Release(connection.Source);
        }
    }

    private void Release(IPAddress? source)
    {
        Interlocked.Decrement(ref _openConnections);
        _server.Released(source);
    }

    private async Task ReadHandOversAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _handedOver.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_handedOver.Reader.TryRead(out var client))
                {
                    Adopt(client);
                }
            }
        }
        catch (OperationCanceledException)
        {
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
        _heartbeat = Loop.CallLater(period, static s => ((LoopServerShard)s!).Heartbeat(), this);
    }

    private void Heartbeat()
    {
        if (AcceptTask is { IsCompleted: true })
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
