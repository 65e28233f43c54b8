using System.Buffers;
using System.Text;
using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Tests.Http;

/// <summary>Runs the parser and renders its whole outcome as one comparable string.</summary>
internal static class ParserHarness
{
    public static readonly LoopServerOptions Defaults = new();

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static (ParseResult Result, HttpRequest? Request, long Consumed, RequestRejectionReason Rejection) Parse(
        byte[] bytes,
        LoopServerOptions? limits = null) =>
        Parse(new ReadOnlySequence<byte>(bytes), limits);

    public static (ParseResult Result, HttpRequest? Request, long Consumed, RequestRejectionReason Rejection) Parse(
        ReadOnlySequence<byte> buffer,
        LoopServerOptions? limits = null)
    {
        var result = Http1Parser.TryParse(buffer, limits ?? Defaults, out var request, out var consumed, out var rejection);
        return (result, request, buffer.Slice(buffer.Start, consumed).Length, rejection);
    }

    /// <summary>Everything the parser reports, so two parses can be compared for equality.</summary>
    public static string Describe(ParseResult result, HttpRequest? request, long consumed, RequestRejectionReason rejection)
    {
        var text = new StringBuilder();
        text.Append(result).Append(" consumed=").Append(consumed).Append(" rejection=").Append(rejection);
        if (request is not null)
        {
            text.Append('\n').Append(request.Method).Append(' ').Append(request.RawTarget)
                .Append(" path=").Append(request.Path).Append(" query=").Append(request.QueryString)
                .Append(' ').Append(request.Version).Append(" keepAlive=").Append(request.KeepAlive)
                .Append(" host=").Append(request.Host).Append(" correlation=").Append(request.CorrelationId)
                .Append(" contentLength=").Append(request.ContentLength).Append(" head=").Append(request.HeadBytes)
                .Append(" body=").Append(Convert.ToHexString(request.Body.Span));
            foreach (var header in request.Headers)
            {
                text.Append('\n').Append(header.Name).Append('=').Append(header.Value);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Field-by-field equality of two parses; what <see cref="Describe(ParseResult, HttpRequest?, long, RequestRejectionReason)"/>
    /// compares, without building strings, for loops over hundreds of thousands of splits.
    /// </summary>
    public static bool SameOutcome(
        (ParseResult Result, HttpRequest? Request, long Consumed, RequestRejectionReason Rejection) a,
        (ParseResult Result, HttpRequest? Request, long Consumed, RequestRejectionReason Rejection) b)
    {
        if (a.Result != b.Result || a.Consumed != b.Consumed || a.Rejection != b.Rejection)
        {
            return false;
        }

        if (a.Request is null || b.Request is null)
        {
            return a.Request is null && b.Request is null;
        }

        var x = a.Request;
        var y = b.Request;
        return x.Method == y.Method && x.RawTarget == y.RawTarget && x.Path == y.Path
            && x.QueryString == y.QueryString && x.Version == y.Version && x.KeepAlive == y.KeepAlive
            && x.Host == y.Host && x.CorrelationId == y.CorrelationId && x.ContentLength == y.ContentLength
            && x.HeadBytes == y.HeadBytes && x.Body.Span.SequenceEqual(y.Body.Span)
            && x.Headers.AsSpan().SequenceEqual(y.Headers.AsSpan());
    }

    public static string Describe(byte[] bytes, LoopServerOptions? limits = null)
    {
        var (result, request, consumed, rejection) = Parse(bytes, limits);
        return Describe(result, request, consumed, rejection);
    }

    public static string Describe(ReadOnlySequence<byte> buffer, LoopServerOptions? limits = null)
    {
        var (result, request, consumed, rejection) = Parse(buffer, limits);
        return Describe(result, request, consumed, rejection);
    }
}
