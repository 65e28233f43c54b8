using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Dashboard.LoopServer.Http;

/// <summary>
/// Writes HTTP/1.1 responses: status line (pre-encoded, <see cref="HttpStatus"/>), Content-Type,
/// Content-Length, Connection, Date and extra headers, then the body. The head is measured first
/// and written into one span with a single Advance; no strings are built.
/// </summary>
internal static class HttpResponseWriter
{
    /// <summary>The content type of rejection answers.</summary>
    public const string PlainTextUtf8 = "text/plain; charset=utf-8";

    // An IMF-fixdate (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT", is always 29 bytes.
    private const int DateLength = 29;
    private static readonly StandardFormat DateFormat = new('R');

    private static ReadOnlySpan<byte> ContentTypePrefix => "Content-Type: "u8;
    private static ReadOnlySpan<byte> ContentLengthPrefix => "Content-Length: "u8;
    private static ReadOnlySpan<byte> DatePrefix => "Date: "u8;
    private static ReadOnlySpan<byte> ConnectionClose => "Connection: close\r\n"u8;
    private static ReadOnlySpan<byte> ConnectionKeepAlive => "Connection: keep-alive\r\n"u8;
    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;
    private static ReadOnlySpan<byte> ColonSpace => ": "u8;

    /// <summary>Writes a whole response: head with <c>Content-Length: body.Length</c>, then the body.</summary>
    /// <param name="keepAlive">
    /// False adds <c>Connection: close</c> (the caller then closes after sending). True with an
    /// HTTP/1.0 request adds <c>Connection: keep-alive</c>, which a 1.0 client needs to keep the connection.
    /// </param>
    public static void Write(
        IBufferWriter<byte> output,
        int statusCode,
        string? contentType,
        ReadOnlySpan<byte> body,
        bool keepAlive,
        HttpProtocolVersion requestVersion = HttpProtocolVersion.Http11,
        DateTimeOffset? date = null,
        ReadOnlySpan<HttpHeader> extraHeaders = default)
    {
        if (!body.IsEmpty && IsBodyless(statusCode))
        {
            throw new ArgumentException($"A {statusCode} response has no body.", nameof(body));
        }

        WriteHead(output, statusCode, contentType, body.Length, keepAlive, requestVersion, date, extraHeaders);
        while (!body.IsEmpty)
        {
            var span = output.GetSpan(body.Length);
            var chunk = Math.Min(span.Length, body.Length);
            body[..chunk].CopyTo(span);
            output.Advance(chunk);
            body = body[chunk..];
        }
    }

    /// <summary>
    /// Answers <paramref name="request"/>: keep-alive follows the request (and is dropped when
    /// <paramref name="closeConnection"/>), the Connection header suits its version, and a HEAD
    /// request gets the head with the body's Content-Length but not the body.
    /// </summary>
    public static void Write(
        IBufferWriter<byte> output,
        HttpRequest request,
        int statusCode,
        string? contentType,
        ReadOnlySpan<byte> body,
        bool closeConnection = false,
        DateTimeOffset? date = null,
        ReadOnlySpan<HttpHeader> extraHeaders = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var keepAlive = request.KeepAlive && !closeConnection;
        if (request.Method == "HEAD")
        {
            WriteHead(output, statusCode, contentType, body.Length, keepAlive, request.Version, date, extraHeaders);
            return;
        }

        Write(output, statusCode, contentType, body, keepAlive, request.Version, date, extraHeaders);
    }

    /// <summary>
    /// Writes only the head, announcing <paramref name="contentLength"/> body bytes the caller sends
    /// itself (or none, for a HEAD request). 1xx, 204 and 304 get no Content-Length (RFC 9110 §8.6).
    /// </summary>
    public static void WriteHead(
        IBufferWriter<byte> output,
        int statusCode,
        string? contentType,
        long contentLength,
        bool keepAlive,
        HttpProtocolVersion requestVersion = HttpProtocolVersion.Http11,
        DateTimeOffset? date = null,
        ReadOnlySpan<HttpHeader> extraHeaders = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(contentLength);
        var statusLine = HttpStatus.StatusLine(statusCode);
        var withLength = !IsBodyless(statusCode);
        var connection = !keepAlive ? ConnectionClose
            : requestVersion == HttpProtocolVersion.Http10 ? ConnectionKeepAlive
            : default;

        var length = statusLine.Length + connection.Length + CrLf.Length;
        if (contentType is not null)
        {
            CheckFieldValue(contentType, nameof(contentType));
            length += ContentTypePrefix.Length + contentType.Length + CrLf.Length;
        }

        if (withLength)
        {
            length += ContentLengthPrefix.Length + CountDigits((ulong)contentLength) + CrLf.Length;
        }

        if (date.HasValue)
        {
            length += DatePrefix.Length + DateLength + CrLf.Length;
        }

        foreach (var header in extraHeaders)
        {
            CheckFieldName(header.Name);
            CheckFieldValue(header.Value, nameof(extraHeaders));
            length += header.Name.Length + ColonSpace.Length + header.Value.Length + CrLf.Length;
        }

        var span = output.GetSpan(length);
        var at = Append(span, 0, statusLine);
        if (contentType is not null)
        {
            at = Append(span, at, ContentTypePrefix);
            at += Encoding.ASCII.GetBytes(contentType, span[at..]);
            at = Append(span, at, CrLf);
        }

        if (withLength)
        {
            at = Append(span, at, ContentLengthPrefix);
            Utf8Formatter.TryFormat(contentLength, span[at..], out var digits);
            at = Append(span, at + digits, CrLf);
        }

        at = Append(span, at, connection);
        if (date.HasValue)
        {
            at = Append(span, at, DatePrefix);
            Utf8Formatter.TryFormat(date.Value, span[at..], out var written, DateFormat);
            at = Append(span, at + written, CrLf);
        }

        foreach (var header in extraHeaders)
        {
            at += Encoding.ASCII.GetBytes(header.Name, span[at..]);
            at = Append(span, at, ColonSpace);
            at += Encoding.ASCII.GetBytes(header.Value, span[at..]);
            at = Append(span, at, CrLf);
        }

        at = Append(span, at, CrLf);
        output.Advance(at);
    }

    /// <summary>
    /// The whole answer to a rejected request: its status, <c>Connection: close</c> and a short
    /// plain-text body such as "431 Request Header Fields Too Large: more than 100 headers".
    /// </summary>
    public static void WriteRejection(
        IBufferWriter<byte> output,
        RequestRejectionReason reason,
        LoopServerOptions limits,
        DateTimeOffset? date = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var statusCode = reason.StatusCode();
        var text = $"{statusCode} {HttpStatus.ReasonPhrase(statusCode)}: {reason.Describe(limits)}\n";
        Write(output, statusCode, PlainTextUtf8, Encoding.UTF8.GetBytes(text), keepAlive: false, date: date);
    }

    /// <summary><see cref="WriteRejection"/> into a new array, for code that sends a byte[] and closes.</summary>
    public static byte[] CreateRejection(RequestRejectionReason reason, LoopServerOptions limits, DateTimeOffset? date = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteRejection(buffer, reason, limits, date);
        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsBodyless(int statusCode) => statusCode is < 200 or 204 or 304;

    private static int Append(Span<byte> span, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[at..]);
        return at + bytes.Length;
    }

    private static int CountDigits(ulong value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    // Response headers come from handler code; a CR or LF in them would let a value inject
    // headers or a second response, so they are refused like any other programming error.
    private static void CheckFieldName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.AsSpan().ContainsAnyExcept(HttpCharacters.TokenChars))
        {
            throw new ArgumentException($"Invalid response header name '{name}'.", nameof(name));
        }
    }

    private static void CheckFieldValue(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (value.AsSpan().ContainsAnyExcept(HttpCharacters.ResponseFieldChars))
        {
            throw new ArgumentException($"Response header value contains a control or non-ASCII character: '{value}'.", parameterName);
        }
    }
}
