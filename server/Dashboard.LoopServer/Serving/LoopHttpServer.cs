using System.Net;
using System.Net.Sockets;
using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Serving;

/// <summary>
/// The embedded HTTP/1.1 server. Everything runs as loop tasks, as in an asyncio server: an
/// accept task, one task per connection (its child), one task per request (the connection's
/// child) and the handler's own children below it — so the loop's capacity is honest.
/// </summary>
/// <remarks>
/// With several loops, each loop is a <see cref="LoopServerShard"/> with its own handler. The
/// first loop's accept task reads the one listening socket and gives each new connection to the
/// loop with the fewest open connections (Node's cluster module spreads round-robin from one
/// acceptor for the same reason: the kernel's SO_REUSEPORT hash spreads a few long keep-alive
/// connections unevenly). A connection then stays on its loop for life.
/// </remarks>
public sealed class LoopHttpServer : IAsyncDisposable
{
    private readonly Lock _shardsGate = new();
    private volatile LoopServerShard[] _shards;
    private readonly Lock _sourcesGate = new();
    private readonly Dictionary<IPAddress, int> _connectionsBySource = []; // one entry per address with an open connection
    private readonly Action<string, HttpRequest, Exception>? _onHandlerFailure;
    private readonly byte[] _tooManyConnections;
    private readonly byte[] _tooManyFromSource;
    private Socket? _listener;
    private int _nextShard;
    private volatile int _spreadOver;
    private bool _stopping; // under _shardsGate

    /// <param name="onHandlerFailure">
    /// Told of every handler that threw, with the id its 500 answer names: the detail belongs in
    /// the host's log, never in the answer. Called on the loop thread; it must not block.
    /// </param>
    internal LoopHttpServer(EventLoop.EventLoop loop, LoopServerOptions options, ILoopRequestHandler handler, Action<string, HttpRequest, Exception>? onHandlerFailure = null)
        : this([(loop, handler)], options, onHandlerFailure)
    {
    }

    /// <summary>A server whose connections are spread over <paramref name="loops"/>, each with its own handler.</summary>
    internal LoopHttpServer(IReadOnlyList<(EventLoop.EventLoop Loop, ILoopRequestHandler Handler)> loops, LoopServerOptions options, Action<string, HttpRequest, Exception>? onHandlerFailure = null)
    {
        options.ThrowIfInvalid();
        if (loops.Count == 0)
        {
            throw new ArgumentException("A loop server needs at least one loop.", nameof(loops));
        }

        Options = options;
        _onHandlerFailure = onHandlerFailure;
        _shards = loops.Select(l => new LoopServerShard(this, l.Loop, l.Handler)).ToArray();
        _spreadOver = _shards.Length;
        _tooManyConnections = HttpResponseWriter.CreateRejection(RequestRejectionReason.TooManyConnections, options);
        _tooManyFromSource = HttpResponseWriter.CreateRejection(RequestRejectionReason.TooManyConnectionsFromSource, options);
    }

    public LoopServerOptions Options { get; }

    public LoopServerCounters Counters { get; } = new();

    /// <summary>The address actually bound (useful with port 0).</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>
    /// How many loops, the first ones, new connections are spread over (at least 1; beyond the
    /// loops the server has, all of them). A connection already open stays where it is.
    /// </summary>
    public int SpreadOver
    {
        get => Math.Min(_spreadOver, _shards.Length);
        set => _spreadOver = Math.Max(1, value);
    }

    /// <summary>Loops serving, including those that get no new connections now.</summary>
    public int LoopCount => _shards.Length;

    /// <summary>Open connections per loop, in loop order.</summary>
    public IReadOnlyList<int> OpenConnectionsByLoop => _shards.Select(s => s.OpenConnections).ToArray();

    /// <summary>Requests being served now, on every loop.</summary>
    public int RequestsInFlight => _shards.Sum(s => s.RequestsInFlight);

    /// <summary>Requests served per loop, in loop order.</summary>
    public IReadOnlyList<long> RequestsByLoop => _shards.Select(s => s.Requests).ToArray();

    /// <summary>Binds the listener (synchronously, so a bad address fails here) and starts every loop's accept task.</summary>
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
        lock (_shardsGate)
        {
            _shards[0].Start($"accept {EndPoint}", AcceptLoopAsync);
            for (var i = 1; i < _shards.Length; i++)
            {
                _shards[i].Start($"accept {EndPoint} (handed over by loop 0)", null);
            }
        }
    }

    /// <summary>Serves on one more loop (its accept task reads the connections the first loop hands over).</summary>
    internal void AddLoop(EventLoop.EventLoop loop, ILoopRequestHandler handler)
    {
        lock (_shardsGate)
        {
            var shard = new LoopServerShard(this, loop, handler);
            if (_shards[0].AcceptTask is not null && !_stopping)
            {
                shard.Start($"accept {EndPoint} (handed over by loop 0)", null);
            }

            _shards = [.. _shards, shard];
        }
    }

    /// <summary>
    /// Closes the listening socket, so no new connection is accepted (a client's connect is refused),
    /// while open connections go on being served: the first step of a graceful shutdown.
    /// </summary>
    public void StopAccepting() => _listener?.Dispose();

    public async Task StopAsync(TimeSpan deadline)
    {
        if (_shards[0].AcceptTask is null)
        {
            return;
        }

        _listener?.Dispose();
        LoopServerShard[] shards;
        lock (_shardsGate)
        {
            _stopping = true;
            shards = _shards;
        }

        foreach (var shard in shards)
        {
            shard.Stop();
        }

        try
        {
            await Task.WhenAll(shards.Select(s => s.AcceptTask!.Completion)).WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }

        // Connections end on their own once cancelled; give them until the deadline.
        var until = DateTime.UtcNow + deadline;
        while (Counters.OpenConnections > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(TimeSpan.FromSeconds(5)));

    /// <summary>A handler threw; its answer named <paramref name="id"/>.</summary>
    internal void HandlerFailed(string id, HttpRequest request, Exception error) => _onHandlerFailure?.Invoke(id, request, error);

    /// <summary>A connection assigned to a loop closed or was never run: it no longer counts against its source.</summary>
    internal void Released(IPAddress? source)
    {
        if (source is null)
        {
            return;
        }

        lock (_sourcesGate)
        {
            if (_connectionsBySource.TryGetValue(source, out var open))
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
            if (_shards.Sum(s => s.OpenConnections) >= Options.MaxConnections)
            {
                Refuse(client, RequestRejectionReason.TooManyConnections);
                continue;
            }

            if (!TryCountSource(LoopServerShard.SourceOf(client)))
            {
                Refuse(client, RequestRejectionReason.TooManyConnectionsFromSource);
                continue;
            }

            var shard = LeastBusyShard();
            shard.Assign();
            if (shard.Loop.IsOnLoopThread)
            {
                shard.Adopt(client);
            }
            else
            {
                shard.HandOver(client);
            }
        }
    }

    /// <summary>Of the loops connections are spread over, the one with the fewest open; ties go round the loops in turn.</summary>
    private LoopServerShard LeastBusyShard()
    {
        var shards = _shards;
        var count = Math.Min(_spreadOver, shards.Length);
        if (count == 1)
        {
            return shards[0];
        }

        var start = _nextShard % count;
        _nextShard = (start + 1) % count;
        var best = shards[start];
        for (var i = 1; i < count; i++)
        {
            var candidate = shards[(start + i) % count];
            if (candidate.OpenConnections < best.OpenConnections)
            {
                best = candidate;
            }
        }

        return best;
    }

    private bool TryCountSource(IPAddress? source)
    {
        if (source is null)
        {
            return true;
        }

        lock (_sourcesGate)
        {
            var open = _connectionsBySource.GetValueOrDefault(source);
            if (open >= Options.MaxConnectionsPerSource)
            {
                return false;
            }

            _connectionsBySource[source] = open + 1;
            return true;
        }
    }

    internal void Refuse(Socket client, RequestRejectionReason reason)
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
}
