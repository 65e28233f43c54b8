using Dashboard.Contracts.Loop;
using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Serving;

/// <summary>
/// Cumulative server figures; written on the loop thread, read from anywhere. Every refusal is
/// counted by its reason (the parser's, a deadline's, a connection limit's), so the Loop page can
/// say what the server turned away and why.
/// </summary>
public sealed class LoopServerCounters
{
    private static readonly RequestRejectionReason[] Reasons = Enum.GetValues<RequestRejectionReason>().Where(r => r != RequestRejectionReason.None).ToArray();

    private readonly long[] _refusals = new long[Reasons.Max(r => (int)r) + 1];
    private long _connectionsAccepted;
    private long _requests;
    private long _handlerFailures;
    private long _sendTimeouts;
    private long _idleClosed;
    private int _openConnections;

    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>Connections answered 503 because MaxConnections, MaxConnectionsPerSource or the loop's task limit was reached.</summary>
    public long ConnectionsRejected => Refusals(RequestRejectionReason.TooManyConnections) + Refusals(RequestRejectionReason.TooManyConnectionsFromSource);

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Malformed or over-limit requests answered with a 4xx/5xx by the parser's verdict, or cut by a read deadline.</summary>
    public long RejectedRequests => Reasons.Where(r => r is not (RequestRejectionReason.TooManyConnections or RequestRejectionReason.TooManyConnectionsFromSource)).Sum(Refusals);

    /// <summary>Handlers that threw (answered 500).</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>Connections cut by a deadline: the head's, the body's data rate, the keep-alive idle time or the send timeout.</summary>
    public long Timeouts => Refusals(RequestRejectionReason.RequestHeadersTimeout) + Refusals(RequestRejectionReason.RequestBodyTooSlow) + IdleClosed + SendTimeouts;

    /// <summary>Connections closed because the client did not read its answers within SendTimeout.</summary>
    public long SendTimeouts => Interlocked.Read(ref _sendTimeouts);

    /// <summary>Keep-alive connections closed after KeepAliveIdleTimeout without a request (normal, not a refusal).</summary>
    public long IdleClosed => Interlocked.Read(ref _idleClosed);

    public int OpenConnections => Volatile.Read(ref _openConnections);

    /// <summary>How often the server refused for <paramref name="reason"/>.</summary>
    internal long Refusals(RequestRejectionReason reason) => Interlocked.Read(ref _refusals[(int)reason]);

    /// <summary>Every refusal so far, by reason, with its status code and its words under <paramref name="limits"/>; reasons never seen left out.</summary>
    public IReadOnlyList<LoopServerRefusal> RefusalsByReason(LoopServerOptions limits)
    {
        var list = new List<LoopServerRefusal>();
        foreach (var reason in Reasons)
        {
            if (Refusals(reason) is > 0 and var count)
            {
                list.Add(new LoopServerRefusal(reason.ToString(), reason.StatusCode(), reason.Describe(limits), count));
            }
        }

        if (SendTimeouts > 0)
        {
            list.Add(new LoopServerRefusal("SendTimeout", 0, $"answers not read by the client within {limits.SendTimeout.TotalMilliseconds:0} ms (closed without a word)", SendTimeouts));
        }

        return list.OrderByDescending(r => r.Count).ToList();
    }

    internal void ConnectionAccepted()
    {
        Interlocked.Increment(ref _connectionsAccepted);
        Interlocked.Increment(ref _openConnections);
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Refused(RequestRejectionReason reason) => Interlocked.Increment(ref _refusals[(int)reason]);

    internal void HandlerFailed() => Interlocked.Increment(ref _handlerFailures);

    internal void SendTimedOut() => Interlocked.Increment(ref _sendTimeouts);

    internal void ClosedIdle() => Interlocked.Increment(ref _idleClosed);
}
