namespace Dashboard.LoopServer.Http;

/// <summary>
/// Why a request (or a connection) is refused. Each reason maps to exactly one status code
/// (<see cref="RequestRejectionReasonExtensions.StatusCode"/>); every rejection closes the connection.
/// </summary>
internal enum RequestRejectionReason
{
    /// <summary>No rejection (the parser's out value when the result is not Rejected).</summary>
    None = 0,

    // 400 Bad Request: the bytes are not HTTP/1.1 as RFC 9112 defines it.
    InvalidRequestLine,
    InvalidMethod,
    InvalidRequestTarget,
    InvalidHttpVersion,
    BareLineFeed,
    InvalidRequestHeader,
    WhitespaceBeforeHeaderColon,
    ObsoleteLineFolding,
    InvalidContentLength,
    ConflictingContentLength,
    MissingHostHeader,
    MultipleHostHeaders,
    InvalidHostHeader,
    InvalidCorrelationId,

    /// <summary>408: the head did not arrive within HeaderReadTimeout (decided by the connection code).</summary>
    RequestHeadersTimeout,

    /// <summary>408: the body arrived slower than MinRequestBodyDataRate (decided by the connection code).</summary>
    RequestBodyTooSlow,

    /// <summary>413: Content-Length above MaxRequestBodyBytes, refused before the body is read.</summary>
    RequestBodyTooLarge,

    /// <summary>414: request line longer than MaxRequestLineBytes.</summary>
    RequestLineTooLong,

    /// <summary>431: header lines larger in total than MaxRequestHeadersTotalBytes.</summary>
    RequestHeadersTooLarge,

    /// <summary>431: more than MaxRequestHeaderCount header fields.</summary>
    TooManyHeaders,

    /// <summary>501: any Transfer-Encoding on a request; only Content-Length bodies are supported.</summary>
    TransferEncodingNotSupported,

    /// <summary>503: accepted beyond MaxConnections (decided by the accept code).</summary>
    TooManyConnections,

    /// <summary>503: accepted beyond MaxConnectionsPerSource from one address (decided by the accept code).</summary>
    TooManyConnectionsFromSource,

    /// <summary>505: a well-formed version other than HTTP/1.0 and HTTP/1.1.</summary>
    HttpVersionNotSupported,
}
