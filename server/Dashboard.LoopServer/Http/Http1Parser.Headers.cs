using System.Text;
using static Dashboard.LoopServer.Http.HttpCharacters;

namespace Dashboard.LoopServer.Http;

internal static partial class Http1Parser
{
    private const int MaxCorrelationIdLength = 128;

    /// <summary>field-line = field-name ":" OWS field-value OWS (RFC 9112 §5), without its CRLF.</summary>
    private static RequestRejectionReason ScanHeaderLine(ReadOnlySpan<byte> line, int index, ref RequestHead head)
    {
        // A line starting with whitespace continues the previous one (obs-fold). RFC 9112 §5.2
        // allows rejecting it, which is safer than guessing how a peer would have unfolded it.
        if (IsWhitespace(line[0]))
        {
            return RequestRejectionReason.ObsoleteLineFolding;
        }

        var colon = line.IndexOf(Colon);
        if (colon <= 0)
        {
            return RequestRejectionReason.InvalidRequestHeader;
        }

        var name = line[..colon];

        // RFC 9112 §5.1: whitespace before the colon MUST be answered with 400.
        if (IsWhitespace(name[^1]))
        {
            return RequestRejectionReason.WhitespaceBeforeHeaderColon;
        }

        if (name.ContainsAnyExcept(Token))
        {
            return RequestRejectionReason.InvalidRequestHeader;
        }

        var value = TrimWhitespace(line[(colon + 1)..]);
        if (value.ContainsAnyExcept(FieldValue))
        {
            return RequestRejectionReason.InvalidRequestHeader;
        }

        return ScanKnownHeader(name, value, index, ref head);
    }

    /// <summary>Records the fields that change how the request is framed or answered.</summary>
    private static RequestRejectionReason ScanKnownHeader(
        ReadOnlySpan<byte> name,
        ReadOnlySpan<byte> value,
        int index,
        ref RequestHead head)
    {
        switch (name.Length)
        {
            case 4 when Ascii.EqualsIgnoreCase(name, "host"u8):
                // RFC 9112 §3.2: more than one Host, or an invalid one, MUST be answered with 400.
                if (head.HostIndex >= 0)
                {
                    return RequestRejectionReason.MultipleHostHeaders;
                }

                if (value.ContainsAnyExcept(HttpCharacters.Host))
                {
                    return RequestRejectionReason.InvalidHostHeader;
                }

                head.HostIndex = index;
                return RequestRejectionReason.None;

            case 10 when Ascii.EqualsIgnoreCase(name, "connection"u8):
                ScanConnectionOptions(value, ref head);
                return RequestRejectionReason.None;

            case 14 when Ascii.EqualsIgnoreCase(name, "content-length"u8):
                return ScanContentLength(value, ref head);

            case 16 when Ascii.EqualsIgnoreCase(name, "x-correlation-id"u8):
                // Kept for logs and reports, so it must be short and plain; two of them would be
                // ambiguous about which one the client meant.
                if (head.CorrelationIdIndex >= 0
                    || value.IsEmpty
                    || value.Length > MaxCorrelationIdLength
                    || value.ContainsAnyExcept(Visible))
                {
                    return RequestRejectionReason.InvalidCorrelationId;
                }

                head.CorrelationIdIndex = index;
                return RequestRejectionReason.None;

            case 17 when Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8):
                head.HasTransferEncoding = true;
                return RequestRejectionReason.None;

            default:
                return RequestRejectionReason.None;
        }
    }

    /// <summary>Connection is a comma-separated list of options; only "close" and "keep-alive" matter here.</summary>
    private static void ScanConnectionOptions(ReadOnlySpan<byte> value, ref RequestHead head)
    {
        while (!value.IsEmpty)
        {
            var comma = value.IndexOf((byte)',');
            var option = TrimWhitespace(comma < 0 ? value : value[..comma]);
            if (Ascii.EqualsIgnoreCase(option, "close"u8))
            {
                head.ConnectionClose = true;
            }
            else if (Ascii.EqualsIgnoreCase(option, "keep-alive"u8))
            {
                head.ConnectionKeepAlive = true;
            }

            value = comma < 0 ? default : value[(comma + 1)..];
        }
    }

    /// <summary>
    /// Content-Length = 1*DIGIT. RFC 9110 §8.6 lets a recipient accept a list of identical values
    /// (or repeated identical fields) as one; anything differing is a smuggling risk and is 400.
    /// A number too big for a long saturates so it is refused as too large (413), not as malformed.
    /// </summary>
    private static RequestRejectionReason ScanContentLength(ReadOnlySpan<byte> value, ref RequestHead head)
    {
        while (true)
        {
            var comma = value.IndexOf((byte)',');
            var item = TrimWhitespace(comma < 0 ? value : value[..comma]);
            if (item.IsEmpty || item.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            {
                return RequestRejectionReason.InvalidContentLength;
            }

            long length = 0;
            foreach (var digit in item)
            {
                length = length > (long.MaxValue - 9) / 10 ? long.MaxValue : (length * 10) + (digit - '0');
            }

            if (head.ContentLength >= 0 && head.ContentLength != length)
            {
                return RequestRejectionReason.ConflictingContentLength;
            }

            head.ContentLength = length;
            if (comma < 0)
            {
                return RequestRejectionReason.None;
            }

            value = value[(comma + 1)..];
        }
    }

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && IsWhitespace(value[start]))
        {
            start++;
        }

        var end = value.Length;
        while (end > start && IsWhitespace(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }
}
