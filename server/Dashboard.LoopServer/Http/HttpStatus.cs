using System.Text;

namespace Dashboard.LoopServer.Http;

/// <summary>Reason phrases and pre-encoded status lines, built once so a response never formats them.</summary>
internal static class HttpStatus
{
    public const int MinCode = 100;
    public const int MaxCode = 599;

    private static readonly string[] Phrases = BuildPhrases();
    private static readonly byte[][] StatusLines = BuildStatusLines();

    /// <summary>The RFC 9110 reason phrase, or empty for a code without one (an empty phrase is legal).</summary>
    public static string ReasonPhrase(int statusCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, MinCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, MaxCode);
        return Phrases[statusCode - MinCode];
    }

    /// <summary><c>HTTP/1.1 {code} {phrase}\r\n</c> as bytes.</summary>
    public static ReadOnlySpan<byte> StatusLine(int statusCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, MinCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, MaxCode);
        return StatusLines[statusCode - MinCode];
    }

    private static string[] BuildPhrases()
    {
        var phrases = new string[MaxCode - MinCode + 1];
        Array.Fill(phrases, string.Empty);
        (int Code, string Phrase)[] known =
        [
            (100, "Continue"), (101, "Switching Protocols"),
            (200, "OK"), (201, "Created"), (202, "Accepted"), (203, "Non-Authoritative Information"),
            (204, "No Content"), (205, "Reset Content"), (206, "Partial Content"),
            (300, "Multiple Choices"), (301, "Moved Permanently"), (302, "Found"), (303, "See Other"),
            (304, "Not Modified"), (307, "Temporary Redirect"), (308, "Permanent Redirect"),
            (400, "Bad Request"), (401, "Unauthorized"), (402, "Payment Required"), (403, "Forbidden"),
            (404, "Not Found"), (405, "Method Not Allowed"), (406, "Not Acceptable"),
            (407, "Proxy Authentication Required"), (408, "Request Timeout"), (409, "Conflict"),
            (410, "Gone"), (411, "Length Required"), (412, "Precondition Failed"), (413, "Content Too Large"),
            (414, "URI Too Long"), (415, "Unsupported Media Type"), (416, "Range Not Satisfiable"),
            (417, "Expectation Failed"), (421, "Misdirected Request"), (422, "Unprocessable Content"),
            (426, "Upgrade Required"), (428, "Precondition Required"), (429, "Too Many Requests"),
            (431, "Request Header Fields Too Large"),
            (500, "Internal Server Error"), (501, "Not Implemented"), (502, "Bad Gateway"),
            (503, "Service Unavailable"), (504, "Gateway Timeout"), (505, "HTTP Version Not Supported"),
        ];
        foreach (var (code, phrase) in known)
        {
            phrases[code - MinCode] = phrase;
        }

        return phrases;
    }

    private static byte[][] BuildStatusLines()
    {
        var lines = new byte[MaxCode - MinCode + 1][];
        for (var code = MinCode; code <= MaxCode; code++)
        {
            lines[code - MinCode] = Encoding.ASCII.GetBytes($"HTTP/1.1 {code} {Phrases[code - MinCode]}\r\n");
        }

        return lines;
    }
}
