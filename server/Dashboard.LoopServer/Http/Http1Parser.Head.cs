using static Dashboard.LoopServer.Http.HttpCharacters;

namespace Dashboard.LoopServer.Http;

internal static partial class Http1Parser
{
    /// <summary>
    /// The validating pass: frames the head into lines, enforces the limits (early, on a prefix,
    /// where the prefix already proves the limit broken) and checks every line. Complete means the
    /// head is whole and acceptable; the body is not looked at.
    /// </summary>
    /// <remarks>
    /// Lines must end in CRLF. RFC 9112 §2.2 lets a server accept a bare LF; this one rejects it
    /// with 400 instead, because parsers that disagree on line ends are the root of request
    /// smuggling, and every real client sends CRLF. Likewise the empty lines RFC 9112 §2.2 says a
    /// server SHOULD skip before a request line (a habit of some 1990s clients after a POST body)
    /// are not skipped: they answer 400, which keeps "consumed" equal to the request's own bytes.
    /// </remarks>
    private static ParseResult ScanHead(
        ReadOnlySpan<byte> data,
        LoopServerOptions limits,
        out RequestHead head,
        out RequestRejectionReason rejection)
    {
        head = default;
        head.ContentLength = -1;
        head.HostIndex = -1;
        head.CorrelationIdIndex = -1;
        rejection = RequestRejectionReason.None;

        // Request line. Searching only as far as the limit allows keeps a flood of bytes without
        // LF from being scanned again on every receive.
        var maxLine = limits.MaxRequestLineBytes;
        var lineWindow = data.Length > maxLine + 2 ? data[..(maxLine + 2)] : data;
        var lf = lineWindow.IndexOf(Lf);
        if (lf < 0)
        {
            // Only a final CR may still turn out to be part of the line end.
            var lineSoFar = lineWindow.Length - (!lineWindow.IsEmpty && lineWindow[^1] == Cr ? 1 : 0);
            return lineSoFar > maxLine
                ? Reject(RequestRejectionReason.RequestLineTooLong, out rejection)
                : ParseResult.NeedMoreData;
        }

        if (lf == 0 || data[lf - 1] != Cr)
        {
            return Reject(RequestRejectionReason.BareLineFeed, out rejection);
        }

        head.RequestLineLength = lf - 1;
        var reason = ScanRequestLine(data[..head.RequestLineLength], ref head);
        if (reason != RequestRejectionReason.None)
        {
            return Reject(reason, out rejection);
        }

        var result = ScanHeaderSection(data, lf + 1, limits, ref head, out rejection);
        if (result != ParseResult.Complete)
        {
            return result;
        }

        // Checks that need the whole header section.
        if (head.HasTransferEncoding)
        {
            // Chunked (or any coded) request bodies are not implemented; RFC 9112 §6.1 says 501.
            // This also covers Transfer-Encoding next to Content-Length, a smuggling signature.
            return Reject(RequestRejectionReason.TransferEncodingNotSupported, out rejection);
        }

        if (head.Version == HttpProtocolVersion.Http11 && head.HostIndex < 0)
        {
            return Reject(RequestRejectionReason.MissingHostHeader, out rejection);
        }

        if (head.ContentLength > limits.MaxRequestBodyBytes)
        {
            return Reject(RequestRejectionReason.RequestBodyTooLarge, out rejection);
        }

        return ParseResult.Complete;
    }

    private static ParseResult ScanHeaderSection(
        ReadOnlySpan<byte> data,
        int start,
        LoopServerOptions limits,
        ref RequestHead head,
        out RequestRejectionReason rejection)
    {
        rejection = RequestRejectionReason.None;
        var maxTotal = limits.MaxRequestHeadersTotalBytes;
        var maxCount = limits.MaxRequestHeaderCount;
        var total = 0;
        var count = 0;
        var position = start;
        while (true)
        {
            var remaining = data[position..];

            // A header line, CRLF included, may take what is left of the budget; the empty line
            // ending the head (2 bytes) is always allowed. An LF beyond the window proves the
            // line too long without scanning further.
            var windowLength = Math.Max(2, maxTotal - total);
            var window = remaining.Length > windowLength ? remaining[..windowLength] : remaining;
            var lf = window.IndexOf(Lf);
            if (lf < 0)
            {
                if (window.Length < remaining.Length)
                {
                    // One more line, too long for the budget: it is one too many as well when the
                    // count is spent, and the count is judged first, as for a line still arriving.
                    return Reject(count >= maxCount ? RequestRejectionReason.TooManyHeaders : RequestRejectionReason.RequestHeadersTooLarge, out rejection);
                }

                return ScanIncompleteLine(remaining, total, count, maxTotal, maxCount, out rejection);
            }

            if (lf == 0)
            {
                return Reject(RequestRejectionReason.BareLineFeed, out rejection);
            }

            if (lf == 1 && remaining[0] == Cr)
            {
                head.HeadLength = position + 2;
                head.HeaderCount = count;
                return ParseResult.Complete;
            }

            // The limits are judged before the line's own form, in the order ScanIncompleteLine
            // judges a line still arriving, and the line is costed as if it ended in CRLF as that
            // assumes: the verdict must not depend on where the bytes were cut.
            if (++count > maxCount)
            {
                return Reject(RequestRejectionReason.TooManyHeaders, out rejection);
            }

            var bareLineFeed = remaining[lf - 1] != Cr;
            if ((long)total + lf + (bareLineFeed ? 2 : 1) > maxTotal)
            {
                return Reject(RequestRejectionReason.RequestHeadersTooLarge, out rejection);
            }

            if (bareLineFeed)
            {
                return Reject(RequestRejectionReason.BareLineFeed, out rejection);
            }

            total += lf + 1;

            var reason = ScanHeaderLine(remaining[..(lf - 1)], count - 1, ref head);
            if (reason != RequestRejectionReason.None)
            {
                return Reject(reason, out rejection);
            }

            position += lf + 1;
        }
    }

    /// <summary>
    /// The received part of a line with no LF yet. A lone CR may still become the empty line that
    /// ends the head; anything else is the start of one more header line, which will add at least
    /// its line end to the total and one to the count, so a limit it already breaks is refused now.
    /// </summary>
    private static ParseResult ScanIncompleteLine(
        ReadOnlySpan<byte> partial,
        int total,
        int count,
        int maxTotal,
        int maxCount,
        out RequestRejectionReason rejection)
    {
        rejection = RequestRejectionReason.None;
        if (partial.IsEmpty || (partial.Length == 1 && partial[0] == Cr))
        {
            return ParseResult.NeedMoreData;
        }

        if (count >= maxCount)
        {
            return Reject(RequestRejectionReason.TooManyHeaders, out rejection);
        }

        var lineEndStillToCome = partial[^1] == Cr ? 1 : 2;
        if ((long)total + partial.Length + lineEndStillToCome > maxTotal)
        {
            return Reject(RequestRejectionReason.RequestHeadersTooLarge, out rejection);
        }

        return ParseResult.NeedMoreData;
    }
}
