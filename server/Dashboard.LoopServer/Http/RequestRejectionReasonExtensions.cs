using System.Globalization;

namespace Dashboard.LoopServer.Http;

/// <summary>The one status code, reason phrase and explanation each rejection answers with.</summary>
internal static class RequestRejectionReasonExtensions
{
    public static int StatusCode(this RequestRejectionReason reason) => reason switch
    {
        RequestRejectionReason.InvalidRequestLine
            or RequestRejectionReason.InvalidMethod
            or RequestRejectionReason.InvalidRequestTarget
            or RequestRejectionReason.InvalidHttpVersion
            or RequestRejectionReason.BareLineFeed
            or RequestRejectionReason.InvalidRequestHeader
            or RequestRejectionReason.WhitespaceBeforeHeaderColon
            or RequestRejectionReason.ObsoleteLineFolding
            or RequestRejectionReason.InvalidContentLength
            or RequestRejectionReason.ConflictingContentLength
            or RequestRejectionReason.MissingHostHeader
            or RequestRejectionReason.MultipleHostHeaders
            or RequestRejectionReason.InvalidHostHeader
            or RequestRejectionReason.InvalidCorrelationId => 400,
        RequestRejectionReason.RequestHeadersTimeout or RequestRejectionReason.RequestBodyTooSlow => 408,
        RequestRejectionReason.RequestBodyTooLarge => 413,
        RequestRejectionReason.RequestLineTooLong => 414,
        RequestRejectionReason.RequestHeadersTooLarge or RequestRejectionReason.TooManyHeaders => 431,
        RequestRejectionReason.TransferEncodingNotSupported => 501,
        RequestRejectionReason.TooManyConnections or RequestRejectionReason.TooManyConnectionsFromSource => 503,
        RequestRejectionReason.HttpVersionNotSupported => 505,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a rejection."),
    };

    public static string ReasonPhrase(this RequestRejectionReason reason) => HttpStatus.ReasonPhrase(reason.StatusCode());

    /// <summary>
    /// Always true: after a rejection the parser cannot know where the next request starts (or the
    /// connection is being shed), so the only safe continuation is to answer and close.
    /// </summary>
    public static bool ClosesConnection(this RequestRejectionReason reason) => reason != RequestRejectionReason.None;

    /// <summary>What was wrong, in a few words, with the limit that was exceeded where one applies.</summary>
    public static string Describe(this RequestRejectionReason reason, LoopServerOptions limits) => reason switch
    {
        RequestRejectionReason.InvalidRequestLine => "malformed request line (expected METHOD SP target SP HTTP/1.1)",
        RequestRejectionReason.InvalidMethod => "method is not a token",
        RequestRejectionReason.InvalidRequestTarget => "invalid request target",
        RequestRejectionReason.InvalidHttpVersion => "malformed HTTP version",
        RequestRejectionReason.BareLineFeed => "line ended by LF without CR (CRLF required)",
        RequestRejectionReason.InvalidRequestHeader => "malformed header field",
        RequestRejectionReason.WhitespaceBeforeHeaderColon => "whitespace between header name and colon",
        RequestRejectionReason.ObsoleteLineFolding => "obsolete line folding in header field",
        RequestRejectionReason.InvalidContentLength => "Content-Length is not a decimal number",
        RequestRejectionReason.ConflictingContentLength => "conflicting Content-Length values",
        RequestRejectionReason.MissingHostHeader => "HTTP/1.1 request without Host header",
        RequestRejectionReason.MultipleHostHeaders => "more than one Host header",
        RequestRejectionReason.InvalidHostHeader => "invalid Host header",
        RequestRejectionReason.InvalidCorrelationId => "X-Correlation-Id must appear once, with 1 to 128 visible ASCII characters",
        RequestRejectionReason.RequestHeadersTimeout => string.Create(CultureInfo.InvariantCulture, $"request head not received within {limits.HeaderReadTimeout.TotalMilliseconds} ms"),
        RequestRejectionReason.RequestBodyTooSlow => string.Create(CultureInfo.InvariantCulture, $"request body slower than {limits.MinRequestBodyDataRate} bytes per second after {limits.MinRequestBodyDataRateGracePeriod.TotalMilliseconds} ms"),
        RequestRejectionReason.RequestBodyTooLarge => string.Create(CultureInfo.InvariantCulture, $"Content-Length over the limit of {limits.MaxRequestBodyBytes} bytes"),
        RequestRejectionReason.RequestLineTooLong => string.Create(CultureInfo.InvariantCulture, $"request line longer than {limits.MaxRequestLineBytes} bytes"),
        RequestRejectionReason.RequestHeadersTooLarge => string.Create(CultureInfo.InvariantCulture, $"request headers larger than {limits.MaxRequestHeadersTotalBytes} bytes"),
        RequestRejectionReason.TooManyHeaders => string.Create(CultureInfo.InvariantCulture, $"more than {limits.MaxRequestHeaderCount} headers"),
        RequestRejectionReason.TransferEncodingNotSupported => "Transfer-Encoding request bodies are not supported; send Content-Length",
        RequestRejectionReason.TooManyConnections => string.Create(CultureInfo.InvariantCulture, $"more than {limits.MaxConnections} connections"),
        RequestRejectionReason.TooManyConnectionsFromSource => string.Create(CultureInfo.InvariantCulture, $"more than {limits.MaxConnectionsPerSource} connections from one address"),
        RequestRejectionReason.HttpVersionNotSupported => "only HTTP/1.0 and HTTP/1.1 are supported",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a rejection."),
    };
}
