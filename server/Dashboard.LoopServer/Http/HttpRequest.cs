namespace Dashboard.LoopServer.Http;

/// <summary>
/// One parsed request. Owns all its data (strings and a body copy), so the receive buffer it came
/// from can be reused as soon as the parser returns.
/// </summary>
internal sealed class HttpRequest
{
    public HttpRequest(
        string method,
        string rawTarget,
        string path,
        string queryString,
        HttpProtocolVersion version,
        HttpRequestHeaders headers,
        string? host,
        long? contentLength,
        ReadOnlyMemory<byte> body,
        bool keepAlive,
        string? correlationId,
        int headBytes)
    {
        Method = method;
        RawTarget = rawTarget;
        Path = path;
        QueryString = queryString;
        Version = version;
        Headers = headers;
        Host = host;
        ContentLength = contentLength;
        Body = body;
        KeepAlive = keepAlive;
        CorrelationId = correlationId;
        HeadBytes = headBytes;
    }

    /// <summary>The method token as sent (case-sensitive, RFC 9110); common methods are shared instances.</summary>
    public string Method { get; }

    /// <summary>The request target exactly as sent, e.g. <c>/api/x?a=1</c> or <c>http://host/api</c>.</summary>
    public string RawTarget { get; }

    /// <summary>The path part, not percent-decoded (<c>/</c> for an absolute-form target without path, <c>*</c> for OPTIONS *).</summary>
    public string Path { get; }

    /// <summary>The query including its leading <c>?</c>, or empty (as ASP.NET's QueryString).</summary>
    public string QueryString { get; }

    public HttpProtocolVersion Version { get; }

    public HttpRequestHeaders Headers { get; }

    /// <summary>The Host header value (required for HTTP/1.1, optional for HTTP/1.0).</summary>
    public string? Host { get; }

    /// <summary>The Content-Length header value, or null when the request had none (then the body is empty).</summary>
    public long? ContentLength { get; }

    /// <summary>The body, copied out of the receive buffer.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Whether the connection stays open after the response (version default, overridden by Connection).</summary>
    public bool KeepAlive { get; }

    /// <summary>The X-Correlation-Id header value, or null.</summary>
    public string? CorrelationId { get; }

    /// <summary>Bytes of the request line and headers including the final empty line.</summary>
    public int HeadBytes { get; }

    /// <summary>All bytes the request took on the wire (head and body).</summary>
    public long TotalBytes => HeadBytes + Body.Length;
}
