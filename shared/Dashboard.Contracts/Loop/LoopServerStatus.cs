namespace Dashboard.Contracts.Loop;

/// <summary>The embedded loop server's counters since the host started (part of <c>GET /api/loop</c>).</summary>
public sealed record LoopServerStatus
{
    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public required string Address { get; init; }

    public required int OpenConnections { get; init; }

    public required long ConnectionsAccepted { get; init; }

    public required long Requests { get; init; }

    /// <summary>Requests whose handler threw (answered 500 with an id; the detail is in the host's log).</summary>
    public required long HandlerFailures { get; init; }

    /// <summary>Keep-alive connections closed after their idle time: normal, not a refusal.</summary>
    public required long IdleClosed { get; init; }

    /// <summary>What it refused and why, one row per reason seen, most frequent first.</summary>
    public required IReadOnlyList<LoopServerRefusal> Refusals { get; init; }
}

/// <summary>
/// One reason the loop server refused a request or a connection, how often, and the status it
/// answered (0: none, the connection was closed without a word).
/// </summary>
public sealed record LoopServerRefusal(string Reason, int Status, string Description, long Count);
