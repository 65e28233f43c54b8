namespace Dashboard.Load.Http;

/// <summary>The outcome of one request on a connection. Timestamps are
/// <see cref="System.Diagnostics.Stopwatch"/> ticks; <see cref="SendTimestamp"/> is 0 when the
/// request never reached the wire (for example, the connect failed).</summary>
internal readonly record struct ExchangeResult(
    int StatusCode,
    ErrorKind Error,
    long SendTimestamp,
    long EndTimestamp,
    int BytesSent,
    long BytesReceived)
{
    public bool WasSent => SendTimestamp != 0;
}
