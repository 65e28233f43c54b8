namespace Dashboard.LoopServer.Http;

/// <summary>
/// Shared string instances for the methods and header names nearly every request carries, so
/// parsing them allocates nothing. Matching is exact (case-sensitive): a name sent in another
/// casing gets its own string, keeping the request exactly as received.
/// </summary>
internal static class HttpKnownStrings
{
    private const int MaxLength = 32;

    private static readonly (byte[] Bytes, string Text)[][] Methods = ByLength(
        "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT");

    private static readonly (byte[] Bytes, string Text)[][] HeaderNames = ByLength(
        "Host", "Connection", "Content-Length", "Content-Type", "User-Agent", "Accept",
        "Accept-Encoding", "Accept-Language", "Accept-Charset", "Authorization", "Cache-Control",
        "Cookie", "Origin", "Referer", "Pragma", "Expect", "Transfer-Encoding", "Upgrade",
        "Upgrade-Insecure-Requests", "If-None-Match", "If-Modified-Since", "Keep-Alive",
        "X-Correlation-Id", "X-Request-Id", "X-Forwarded-For", "traceparent", "tracestate",
        "host", "connection", "content-length", "content-type", "user-agent", "accept",
        "accept-encoding", "x-correlation-id");

    public static string? Method(ReadOnlySpan<byte> bytes) => Find(Methods, bytes);

    public static string? HeaderName(ReadOnlySpan<byte> bytes) => Find(HeaderNames, bytes);

    private static string? Find((byte[] Bytes, string Text)[][] table, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= table.Length)
        {
            return null;
        }

        foreach (var (known, text) in table[bytes.Length])
        {
            if (bytes.SequenceEqual(known))
            {
                return text;
            }
        }

        return null;
    }

    private static (byte[] Bytes, string Text)[][] ByLength(params string[] texts)
    {
        var buckets = new List<(byte[], string)>[MaxLength + 1];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = [];
        }

        foreach (var text in texts)
        {
            buckets[text.Length].Add((System.Text.Encoding.ASCII.GetBytes(text), text));
        }

        var table = new (byte[], string)[buckets.Length][];
        for (var i = 0; i < buckets.Length; i++)
        {
            table[i] = [.. buckets[i]];
        }

        return table;
    }
}
