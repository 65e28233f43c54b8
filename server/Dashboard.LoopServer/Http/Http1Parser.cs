using System.Buffers;

namespace Dashboard.LoopServer.Http;

/// <summary>
/// HTTP/1.1 request parser (RFC 9112), a pure function in the manner of Kestrel's HttpParser:
/// no state between calls, so a receive loop simply re-offers its whole unconsumed buffer after
/// every read.
/// <list type="bullet">
/// <item><see cref="ParseResult.NeedMoreData"/>: nothing consumed and nothing allocated; keep the
/// bytes, append more, call again.</item>
/// <item><see cref="ParseResult.Complete"/>: exactly one request (head and Content-Length body)
/// consumed; bytes after it (a pipelined request) stay unconsumed.</item>
/// <item><see cref="ParseResult.Rejected"/>: answer the rejection's status and close; limits are
/// enforced on a prefix already (a request line or header section that has outgrown its limit is
/// refused before its end arrives), so a slow or hostile client cannot make the buffer grow: an
/// unconsumed buffer longer than <see cref="LoopServerOptions.MaxRequestBytes"/> always gets
/// Complete or Rejected.</item>
/// </list>
/// Work is done in two passes over the head: a validating scan that allocates nothing and learns
/// the facts (lengths, Content-Length, Connection, Host), then, only once the body is there too,
/// a second pass that creates the request's strings. Re-parsing an incomplete head after each
/// receive is therefore cheap and garbage-free, and bounded by the head limits.
/// </summary>
internal static partial class Http1Parser
{
    /// <summary>Parses the first request in a (possibly multi-segment) buffer.</summary>
    /// <param name="buffer">All unconsumed bytes received on the connection.</param>
    /// <param name="limits">Validated options (<see cref="LoopServerOptions.ThrowIfInvalid"/>).</param>
    /// <param name="request">The request when the result is Complete, else null.</param>
    /// <param name="consumed">Just after the request when Complete; <c>buffer.Start</c> otherwise.</param>
    /// <param name="rejection">Why, when the result is Rejected; <see cref="RequestRejectionReason.None"/> otherwise.</param>
    public static ParseResult TryParse(
        in ReadOnlySequence<byte> buffer,
        LoopServerOptions limits,
        out HttpRequest? request,
        out SequencePosition consumed,
        out RequestRejectionReason rejection)
    {
        ArgumentNullException.ThrowIfNull(limits);
        request = null;
        consumed = buffer.Start;

        if (buffer.IsSingleSegment)
        {
            var result = TryParse(buffer.FirstSpan, limits, out request, out var used, out rejection);
            if (result == ParseResult.Complete)
            {
                consumed = buffer.GetPosition(used);
            }

            return result;
        }

        // Most often the whole head sits in the first segment and only the body runs on.
        var first = buffer.FirstSpan;
        var headResult = ScanHead(HeadWindow(first, limits), limits, out var head, out rejection);
        if (headResult == ParseResult.Complete)
        {
            return FinishFromSequence(first, in head, in buffer, out request, out consumed);
        }

        if (headResult == ParseResult.Rejected)
        {
            return headResult;
        }

        // The head crosses segments: scan a contiguous copy. One byte more than the largest
        // acceptable head is enough for every limit decision, so the copy stays bounded however
        // much has been received.
        var copyLength = (int)Math.Min(buffer.Length, limits.MaxRequestHeadBytes + 1L);
        var rented = ArrayPool<byte>.Shared.Rent(copyLength);
        try
        {
            var contiguous = rented.AsSpan(0, copyLength);
            buffer.Slice(0, copyLength).CopyTo(contiguous);
            headResult = ScanHead(contiguous, limits, out head, out rejection);
            return headResult == ParseResult.Complete
                ? FinishFromSequence(contiguous, in head, in buffer, out request, out consumed)
                : headResult;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Parses the first request in a contiguous buffer, e.g. the filled part of a receive array.
    /// <paramref name="consumed"/> is the request's length in bytes when Complete, else 0.
    /// </summary>
    public static ParseResult TryParse(
        ReadOnlySpan<byte> buffer,
        LoopServerOptions limits,
        out HttpRequest? request,
        out int consumed,
        out RequestRejectionReason rejection) =>
        TryParse(buffer, limits, out request, out consumed, out rejection, out _);

    /// <summary>
    /// As above; when the result is NeedMoreData, <paramref name="bodyReceived"/> also says whether
    /// the head is whole already (the body bytes here) or not (-1), from the same scan: the
    /// connection then times a body by its data rate instead of the head's deadline.
    /// </summary>
    public static ParseResult TryParse(
        ReadOnlySpan<byte> buffer,
        LoopServerOptions limits,
        out HttpRequest? request,
        out int consumed,
        out RequestRejectionReason rejection,
        out long bodyReceived)
    {
        ArgumentNullException.ThrowIfNull(limits);
        request = null;
        consumed = 0;
        bodyReceived = -1;

        var headResult = ScanHead(HeadWindow(buffer, limits), limits, out var head, out rejection);
        if (headResult != ParseResult.Complete)
        {
            return headResult;
        }

        var bodyLength = head.BodyLength;
        if (buffer.Length - head.HeadLength < bodyLength)
        {
            bodyReceived = buffer.Length - head.HeadLength;
            return ParseResult.NeedMoreData;
        }

        var body = bodyLength == 0 ? [] : buffer.Slice(head.HeadLength, bodyLength).ToArray();
        request = CreateRequest(buffer, in head, body);
        consumed = head.HeadLength + bodyLength;
        return ParseResult.Complete;
    }

    private static ParseResult FinishFromSequence(
        ReadOnlySpan<byte> headBytes,
        in RequestHead head,
        in ReadOnlySequence<byte> buffer,
        out HttpRequest? request,
        out SequencePosition consumed)
    {
        var bodyLength = head.BodyLength;
        if (buffer.Length - head.HeadLength < bodyLength)
        {
            request = null;
            consumed = buffer.Start;
            return ParseResult.NeedMoreData;
        }

        byte[] body = [];
        if (bodyLength > 0)
        {
            body = new byte[bodyLength];
            buffer.Slice(head.HeadLength, bodyLength).CopyTo(body);
        }

        request = CreateRequest(headBytes, in head, body);
        consumed = buffer.GetPosition(head.HeadLength + (long)bodyLength);
        return ParseResult.Complete;
    }

    /// <summary>
    /// The bytes a head is judged on: one more than the largest acceptable head is enough for every
    /// limit decision. Contiguous or in segments, the parser looks at exactly these, so the verdict
    /// (which rejection, when several apply) does not depend on how the bytes arrived.
    /// </summary>
    private static ReadOnlySpan<byte> HeadWindow(ReadOnlySpan<byte> buffer, LoopServerOptions limits) =>
        buffer.Length > limits.MaxRequestHeadBytes + 1 ? buffer[..(limits.MaxRequestHeadBytes + 1)] : buffer;

    private static ParseResult Reject(RequestRejectionReason reason, out RequestRejectionReason rejection)
    {
        rejection = reason;
        return ParseResult.Rejected;
    }
}
