using System.Text;

namespace Dashboard.LoopServer.Tests.Http;

/// <summary>A valid request (or a pipelined pair) and what the first request must parse to.</summary>
internal sealed record ValidRequest(
    string Name,
    string Text,
    int FirstRequestLength,
    string Method,
    string Path,
    string QueryString,
    string Body,
    int HeaderCount,
    bool KeepAlive)
{
    public byte[] Bytes => ParserHarness.Bytes(Text);

    public override string ToString() => Name;
}

internal static class ValidRequestCorpus
{
    public static readonly IReadOnlyList<ValidRequest> All = Build();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var request in All)
        {
            data.Add(request.Name);
        }

        return data;
    }

    public static ValidRequest Get(string name) => All.Single(r => r.Name == name);

    private static List<ValidRequest> Build()
    {
        const string Get = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1:5080\r\n\r\n";
        const string Post = "POST /work?mode=fast HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":[1,2,3]}";
        const string Http10 = "GET /health HTTP/1.0\r\nUser-Agent: old\r\n\r\n";
        const string Http10KeepAlive = "POST /x HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\nabc";
        const string Second = "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi";
        const string Pipelined = Get + Second;
        const string Absolute = "GET http://example.com:8080/p/q?z=1 HTTP/1.1\r\nHost: example.com:8080\r\n\r\n";
        const string AbsoluteNoPath = "GET https://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n";
        const string Options = "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n";
        const string Odd = "PURGE /c%20d?q=%41&r HTTP/1.1\r\nhost:\th \r\nX-Empty:\r\nX-Spaces:   padded value \t\r\nX-Latin: caf\u00e9\r\nConnection: close\r\nX-Correlation-Id: run-7/req-42\r\n\r\n";

        var many = new StringBuilder("GET /many HTTP/1.1\r\nHost: h\r\n");
        // Short lines keep the every-pair split test (quadratic in length) quick.
        for (var i = 0; i < 30; i++)
        {
            many.Append("X-").Append(i).Append(": v").Append(i).Append("\r\n");
        }

        many.Append("\r\n");
        var manyHeaders = many.ToString();

        return
        [
            new("get", Get, Get.Length, "GET", "/hello", "", "", 1, true),
            new("post-with-body", Post, Post.Length, "POST", "/work", "?mode=fast", "{\"a\":[1,2,3]}", 3, true),
            new("http10", Http10, Http10.Length, "GET", "/health", "", "", 1, false),
            new("http10-keep-alive-body", Http10KeepAlive, Http10KeepAlive.Length, "POST", "/x", "", "abc", 2, true),
            new("many-headers", manyHeaders, manyHeaders.Length, "GET", "/many", "", "", 31, true),
            new("pipelined-pair", Pipelined, Get.Length, "GET", "/hello", "", "", 1, true),
            new("absolute-form", Absolute, Absolute.Length, "GET", "/p/q", "?z=1", "", 1, true),
            new("absolute-form-no-path", AbsoluteNoPath, AbsoluteNoPath.Length, "GET", "/", "", "", 1, true),
            new("options-asterisk", Options, Options.Length, "OPTIONS", "*", "", "", 1, true),
            new("odd-but-valid", Odd, Odd.Length, "PURGE", "/c%20d", "?q=%41&r", "", 6, false),
        ];
    }
}
