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
    private readonly LoopServerShard[] _shards;
    private readonly Lock _sourcesGate = new();
    private readonly Dictionary<IPAddress, int> _connectionsBySource = []; // one entry per address with an open connection
    private readonly Action<string, HttpRequest, Exception>? _onHandlerFailure;
    private readonly byte[] _tooManyConnections;
    private readonly byte[] _tooManyFromSource;
    private Socket? _listener;
    private int _nextShard;

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
        _tooManyConnections = HttpResponseWriter.CreateRejection(RequestRejectionReason.TooManyConnections, options);
        _tooManyFromSource = HttpResponseWriter.CreateRejection(RequestRejectionReason.TooManyConnectionsFromSource, options);
    }

    public LoopServerOptions Options { get; }

    public LoopServerCounters Counters { get; } = new();

    /// <summary>The address actually bound (useful with port 0).</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Open connections per loop, in loop order.</summary>
    public IReadOnlyList<int> OpenConnectionsByLoop => _shards.Select(s => s.OpenConnections).ToArray();

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
        _shards[0].Start($"accept {EndPoint}", AcceptLoopAsync);
        for (var i = 1; i < _shards.Length; i++)
        {
            _shards[i].Start($"accept {EndPoint} (handed over by loop 0)", null);
        }
    }

    public async Task StopAsync(TimeSpan deadline)
    {
        if (_shards[0].AcceptTask is null)
        {
            return;
        }

        _listener?.Dispose();
        foreach (var shard in _shards)
        {
            shard.Stop();
        }

        try
        {
            await Task.WhenAll(_shards.Select(s => s.AcceptTask!.Completion)).WaitAsync(deadline).ConfigureAwait(false);
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
            if (ReferenceEquals(shard, _shards[0]))
            {
                shard.Adopt(client);
            }
            else
            {
                shard.HandOver(client);
            }
        }
    }

    /// <summary>The loop with the fewest open connections; ties go round the loops in turn.</summary>
    private LoopServerShard LeastBusyShard()
    {
        if (_shards.Length == 1)
        {
            return _shards[0];
        }

        var start = _nextShard;
        _nextShard = (start + 1) % _shards.Length;
        var best = _shards[start];
        for (var i = 1; i < _shards.Length; i++)
        {
            var candidate = _shards[(start + i) % _shards.Length];
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
