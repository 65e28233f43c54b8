using System.Text;
using static Dashboard.LoopServer.Http.HttpCharacters;

namespace Dashboard.LoopServer.Http;

internal static partial class Http1Parser
{
    /// <summary>
    /// The second pass, run only for a whole request: the head was validated by
    /// <see cref="ScanHead"/>, so this just cuts it into strings. Common methods and header
    /// names come from <see cref="HttpKnownStrings"/> and cost nothing.
    /// </summary>
    private static HttpRequest CreateRequest(ReadOnlySpan<byte> data, in RequestHead head, byte[] body)
    {
        var method = HttpKnownStrings.Method(data[..head.MethodLength])
            ?? Encoding.ASCII.GetString(data[..head.MethodLength]);
        var targetBytes = data.Slice(head.TargetStart, head.TargetLength);
        var rawTarget = targetBytes.SequenceEqual("/"u8) ? "/" : Encoding.ASCII.GetString(targetBytes);
        var path = head.PathLength == 0 ? "/"
            : head.PathLength == head.TargetLength ? rawTarget
            : rawTarget.Substring(head.PathStart - head.TargetStart, head.PathLength);
        var queryString = head.QueryLength == 0
            ? string.Empty
            : rawTarget.Substring(head.QueryStart - head.TargetStart, head.QueryLength);

        var headers = head.HeaderCount == 0 ? [] : new HttpHeader[head.HeaderCount];
        var position = head.RequestLineLength + 2;
        for (var i = 0; i < headers.Length; i++)
        {
            var remaining = data[position..head.HeadLength];
            var lf = remaining.IndexOf(Lf);
            var line = remaining[..(lf - 1)];
            var colon = line.IndexOf(Colon);
            var nameBytes = line[..colon];
            var valueBytes = TrimWhitespace(line[(colon + 1)..]);
            var name = HttpKnownStrings.HeaderName(nameBytes) ?? Encoding.ASCII.GetString(nameBytes);

            // Latin-1 keeps obs-text bytes (0x80-0xFF) one char each instead of mangling them.
            var value = valueBytes.IsEmpty ? string.Empty : Encoding.Latin1.GetString(valueBytes);
            headers[i] = new HttpHeader(name, value);
            position += lf + 1;
        }

        return new HttpRequest(
            method,
            rawTarget,
            path,
            queryString,
            head.Version,
            new HttpRequestHeaders(headers),
            head.HostIndex >= 0 ? headers[head.HostIndex].Value : null,
            head.ContentLength >= 0 ? head.ContentLength : null,
            body,
            head.KeepAlive,
            head.CorrelationIdIndex >= 0 ? headers[head.CorrelationIdIndex].Value : null,
            head.HeadLength);
    }
}
