using System.Text;
using Dashboard.LoopServer.Http;
using static Dashboard.LoopServer.Tests.Http.ParserHarness;

namespace Dashboard.LoopServer.Tests.Http;

/// <summary>What a parsed request says: keep-alive, correlation id, Host, headers, target parts.</summary>
public sealed class Http1ParserSemanticsTests
{
    public static TheoryData<string, string[], bool> KeepAliveCases => new()
    {
        { "HTTP/1.1", [], true },
        { "HTTP/1.1", ["close"], false },
        { "HTTP/1.1", ["Close"], false },
        { "HTTP/1.1", ["keep-alive"], true },
        { "HTTP/1.1", ["Upgrade, close"], false },
        { "HTTP/1.1", ["keep-alive", "close"], false },
        { "HTTP/1.1", ["closed"], true },
        { "HTTP/1.0", [], false },
        { "HTTP/1.0", ["keep-alive"], true },
        { "HTTP/1.0", ["Keep-Alive"], true },
        { "HTTP/1.0", [" keep-alive ,TE"], true },
        { "HTTP/1.0", ["close"], false },
        { "HTTP/1.0", ["keep-alive, close"], false },
        { "HTTP/1.0", ["TE"], false },
    };

    [Theory]
    [MemberData(nameof(KeepAliveCases))]
    public void TryParse_VersionAndConnectionHeaders_DecideKeepAlive(string version, string[] connection, bool keepAlive)
    {
        var text = new StringBuilder($"GET / {version}\r\nHost: h\r\n");
        foreach (var value in connection)
        {
            text.Append("Connection: ").Append(value).Append("\r\n");
        }

        var (result, request, _, _) = Parse(Bytes(text.Append("\r\n").ToString()));

        Assert.Equal(ParseResult.Complete, result);
        Assert.Equal(keepAlive, request!.KeepAlive);
    }

    [Theory]
    [InlineData("abc-123")]
    [InlineData("run-7/req-42:x")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456x")]
    public void TryParse_CorrelationIdUpTo128VisibleChars_Kept(string id)
    {
        var (_, request, _, _) = Parse(Bytes($"GET / HTTP/1.1\r\nHost: h\r\nx-correlation-id:  {id} \r\n\r\n"));

        Assert.Equal(id, request!.CorrelationId);
    }

    [Fact]
    public void TryParse_NoCorrelationId_IsNull()
    {
        var (_, request, _, _) = Parse(Bytes("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));

        Assert.Null(request!.CorrelationId);
    }

    [Fact]
    public void TryParse_Http10WithoutHost_AcceptedWithNullHost()
    {
        var (result, request, _, _) = Parse(Bytes("GET / HTTP/1.0\r\n\r\n"));

        Assert.Equal(ParseResult.Complete, result);
        Assert.Null(request!.Host);
        Assert.Equal(HttpProtocolVersion.Http10, request.Version);
    }

    [Fact]
    public void TryParse_EmptyHost_AcceptedAsEmpty()
    {
        var (result, request, _, _) = Parse(Bytes("GET / HTTP/1.1\r\nHost:\r\n\r\n"));

        Assert.Equal(ParseResult.Complete, result);
        Assert.Equal(string.Empty, request!.Host);
    }

    [Fact]
    public void TryParse_Headers_KeptInOrderWithCaseInsensitiveLookup()
    {
        var (_, request, _, _) = Parse(Bytes(
            "GET / HTTP/1.1\r\nHost: h\r\nX-B: 2\r\nx-a: 1\r\nX-A: 3\r\nAccept:\t */* \t\r\n\r\n"));
        var headers = request!.Headers;

        Assert.Equal(["Host", "X-B", "x-a", "X-A", "Accept"], headers.AsSpan().ToArray().Select(h => h.Name));
        Assert.True(headers.TryGetValue("X-a", out var first));
        Assert.Equal("1", first);
        Assert.Equal("*/*", headers["ACCEPT"]);
        Assert.Null(headers["Missing"]);
        Assert.False(headers.Contains("Missing"));
    }

    [Fact]
    public void TryParse_ObsTextInValue_DecodedAsLatin1()
    {
        var (_, request, _, _) = Parse([.. Bytes("GET / HTTP/1.1\r\nHost: h\r\nX-Name: "), 0xE9, 0xFF, .. Bytes("\r\n\r\n")]);

        Assert.Equal("\u00e9\u00ff", request!.Headers["X-Name"]);
    }

    [Fact]
    public void TryParse_SameContentLengthRepeated_AcceptedAsOne()
    {
        var (result, request, _, _) = Parse(Bytes(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\ncontent-length: 2\r\n\r\nok"));

        Assert.Equal(ParseResult.Complete, result);
        Assert.Equal(2, request!.ContentLength);
        Assert.Equal("ok", Encoding.ASCII.GetString(request.Body.Span));
    }

    [Fact]
    public void TryParse_NoContentLength_EmptyBodyAndNullLength()
    {
        var (_, request, _, _) = Parse(Bytes("POST / HTTP/1.1\r\nHost: h\r\n\r\nnot-a-body"));

        Assert.Null(request!.ContentLength);
        Assert.True(request.Body.IsEmpty);
    }

    [Fact]
    public void TryParse_ZeroContentLength_CompleteWithEmptyBody()
    {
        var (result, request, consumed, _) = Parse(Bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"));

        Assert.Equal(ParseResult.Complete, result);
        Assert.Equal(0, request!.ContentLength);
        Assert.True(request.Body.IsEmpty);
        Assert.Equal(request.HeadBytes, consumed);
    }

    [Theory]
    [InlineData("/", "/", "")]
    [InlineData("/a/b", "/a/b", "")]
    [InlineData("/a?", "/a", "?")]
    [InlineData("/a?x=1?y", "/a", "?x=1?y")]
    [InlineData("/%7Euser/a%20b", "/%7Euser/a%20b", "")]
    [InlineData("HTTP://H/p?q", "/p", "?q")]
    [InlineData("http://h?q", "/", "?q")]
    public void TryParse_Target_SplitIntoPathAndQueryWithoutDecoding(string target, string path, string query)
    {
        var (_, request, _, _) = Parse(Bytes($"GET {target} HTTP/1.1\r\nHost: h\r\n\r\n"));

        Assert.Equal(target, request!.RawTarget);
        Assert.Equal(path, request.Path);
        Assert.Equal(query, request.QueryString);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("M-SEARCH")]
    [InlineData("get")]
    public void TryParse_AnyTokenMethod_KeptAsSent(string method)
    {
        var (_, request, _, _) = Parse(Bytes($"{method} / HTTP/1.1\r\nHost: h\r\n\r\n"));

        Assert.Equal(method, request!.Method);
    }

    [Fact]
    public void TryParse_CommonMethodAndHeaderNames_ReuseSharedStrings()
    {
        var bytes = Bytes("GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: u\r\n\r\n");

        var (_, first, _, _) = Parse(bytes);
        var (_, second, _, _) = Parse(bytes);

        Assert.Same(first!.Method, second!.Method);
        Assert.Same(first.Headers[0].Name, second.Headers[0].Name);
        Assert.Same(first.Headers[1].Name, second.Headers[1].Name);
    }

    [Fact]
    public void TryParse_IncompleteRequest_AllocatesNothing()
    {
        var prefix = Bytes("POST /work HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n0123456789");
        var limits = Defaults;
        Http1Parser.TryParse(prefix, limits, out _, out int _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Http1Parser.TryParse(prefix, limits, out _, out int _, out _);
            Http1Parser.TryParse(prefix.AsSpan(0, 25), limits, out _, out int _, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TryParse_HelloWorldRequest_AllocatesOnlyTheRequestAndItsStrings()
    {
        var bytes = Bytes("GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:5080\r\nConnection: keep-alive\r\n\r\n");
        Http1Parser.TryParse(bytes, Defaults, out _, out int _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Http1Parser.TryParse(bytes, Defaults, out var request, out int _, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The request object, the target, a two-entry header array and two values: about 350 bytes.
        Assert.NotNull(request);
        Assert.InRange(allocated, 1, 512);
    }
}
