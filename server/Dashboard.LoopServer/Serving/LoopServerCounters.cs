namespace Dashboard.LoopServer.Serving;

/// <summary>Cumulative server figures; written on the loop thread, read from anywhere.</summary>
public sealed class LoopServerCounters
{
    private long _connectionsAccepted;
    private long _connectionsRejected;
    private long _requests;
    private long _rejectedRequests;
    private long _handlerFailures;
    private long _timeouts;
    private int _openConnections;

    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>Connections answered 503 because MaxConnections (or the loop's task limit) was reached.</summary>
    public long ConnectionsRejected => Interlocked.Read(ref _connectionsRejected);

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Malformed or over-limit requests answered with a 4xx/5xx by the parser's verdict.</summary>
    public long RejectedRequests => Interlocked.Read(ref _rejectedRequests);

    /// <summary>Handlers that threw (answered 500).</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>Connections cut by the header-read or keep-alive idle timeout.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    public int OpenConnections => Volatile.Read(ref _openConnections);

    internal void ConnectionAccepted()
    {
        Interlocked.Increment(ref _connectionsAccepted);
        Interlocked.Increment(ref _openConnections);
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    internal void ConnectionRejected() => Interlocked.Increment(ref _connectionsRejected);

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void RequestRejected() => Interlocked.Increment(ref _rejectedRequests);

    internal void HandlerFailed() => Interlocked.Increment(ref _handlerFailures);

    internal void TimedOut() => Interlocked.Increment(ref _timeouts);
}
