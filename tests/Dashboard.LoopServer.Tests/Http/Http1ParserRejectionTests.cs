using System.Buffers;
using Dashboard.LoopServer.Http;
using static Dashboard.LoopServer.Tests.Http.ParserHarness;

namespace Dashboard.LoopServer.Tests.Http;

/// <summary>Malformed requests and broken limits, each with the one status it must be answered with.</summary>
public sealed class Http1ParserRejectionTests
{
    private const string H = "Host: h\r\n";

    private static readonly List<(string Name, string Text, int Status, RequestRejectionReason Reason)> Corpus =
    [
        // Line endings: CRLF is required everywhere (RFC 9112 §2.2).
        ("bare LF after request line", "GET / HTTP/1.1\n" + H + "\r\n", 400, RequestRejectionReason.BareLineFeed),
        ("bare LF after header", "GET / HTTP/1.1\r\nHost: h\n\r\n", 400, RequestRejectionReason.BareLineFeed),
        ("bare LF as final line", "GET / HTTP/1.1\r\n" + H + "\n", 400, RequestRejectionReason.BareLineFeed),
        ("LF only", "\n", 400, RequestRejectionReason.BareLineFeed),

        // Request line.
        ("no spaces", "GET\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestLine),
        ("no version", "GET /\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestLine),
        ("empty request line", "\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestLine),
        ("leading space", " GET / HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidMethod),
        ("method with separator", "G(T / HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidMethod),
        ("method with tab", "GET\t/ HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidMethod),
        ("double space", "GET  / HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestTarget),
        ("relative target", "GET a HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestTarget),
        ("fragment in target", "GET /a#b HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestTarget),
        ("control byte in target", "GET /a\u0001 HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestTarget),
        ("non-ASCII target", "GET /caf\u00e9 HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestTarget),
        ("asterisk without OPTIONS", "GET * HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestTarget),
        ("authority-form", "CONNECT h:443 HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestTarget),
        ("absolute-form without authority", "GET http:///x HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidRequestTarget),
        ("lowercase protocol", "GET / http/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidHttpVersion),
        ("version without minor", "GET / HTTP/1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidHttpVersion),
        ("version not digits", "GET / HTTP/1.x\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidHttpVersion),
        ("trailing space after version", "GET / HTTP/1.1 \r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidHttpVersion),
        ("space in target", "GET /a b HTTP/1.1\r\n" + H + "\r\n", 400, RequestRejectionReason.InvalidHttpVersion),
        ("HTTP/2.0", "GET / HTTP/2.0\r\n" + H + "\r\n", 505, RequestRejectionReason.HttpVersionNotSupported),
        ("HTTP/1.2", "GET / HTTP/1.2\r\n" + H + "\r\n", 505, RequestRejectionReason.HttpVersionNotSupported),
        ("HTTP/0.9", "GET / HTTP/0.9\r\n" + H + "\r\n", 505, RequestRejectionReason.HttpVersionNotSupported),

        // Header lines.
        ("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400, RequestRejectionReason.WhitespaceBeforeHeaderColon),
        ("tab before colon", "GET / HTTP/1.1\r\n" + H + "X-A\t: 1\r\n\r\n", 400, RequestRejectionReason.WhitespaceBeforeHeaderColon),
        ("obs-fold with space", "GET / HTTP/1.1\r\n" + H + "X-A: 1\r\n  continued\r\n\r\n", 400, RequestRejectionReason.ObsoleteLineFolding),
        ("obs-fold with tab", "GET / HTTP/1.1\r\n\tX-A: 1\r\n" + H + "\r\n", 400, RequestRejectionReason.ObsoleteLineFolding),
        ("no colon", "GET / HTTP/1.1\r\n" + H + "NoColon\r\n\r\n", 400, RequestRejectionReason.InvalidRequestHeader),
        ("empty name", "GET / HTTP/1.1\r\n" + H + ": v\r\n\r\n", 400, RequestRejectionReason.InvalidRequestHeader),
        ("name not a token", "GET / HTTP/1.1\r\n" + H + "Bad(Name: v\r\n\r\n", 400, RequestRejectionReason.InvalidRequestHeader),
        ("NUL in value", "GET / HTTP/1.1\r\n" + H + "X-A: a\u0000b\r\n\r\n", 400, RequestRejectionReason.InvalidRequestHeader),
        ("CR in value", "GET / HTTP/1.1\r\n" + H + "X-A: a\rb\r\n\r\n", 400, RequestRejectionReason.InvalidRequestHeader),
        ("DEL in value", "GET / HTTP/1.1\r\n" + H + "X-A: a\u007fb\r\n\r\n", 400, RequestRejectionReason.InvalidRequestHeader),

        // Content-Length (RFC 9110 §8.6, RFC 9112 §6.3).
        ("Content-Length not a number", "POST / HTTP/1.1\r\n" + H + "Content-Length: abc\r\n\r\n", 400, RequestRejectionReason.InvalidContentLength),
        ("Content-Length negative", "POST / HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\n", 400, RequestRejectionReason.InvalidContentLength),
        ("Content-Length with sign", "POST / HTTP/1.1\r\n" + H + "Content-Length: +1\r\n\r\n", 400, RequestRejectionReason.InvalidContentLength),
        ("Content-Length fraction", "POST / HTTP/1.1\r\n" + H + "Content-Length: 1.5\r\n\r\n", 400, RequestRejectionReason.InvalidContentLength),
        ("Content-Length empty", "POST / HTTP/1.1\r\n" + H + "Content-Length:\r\n\r\n", 400, RequestRejectionReason.InvalidContentLength),
        ("Content-Length trailing comma", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5,\r\n\r\n", 400, RequestRejectionReason.InvalidContentLength),
        ("Content-Length inner space", "POST / HTTP/1.1\r\n" + H + "Content-Length: 1 2\r\n\r\n", 400, RequestRejectionReason.InvalidContentLength),
        ("Content-Length twice differing", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", 400, RequestRejectionReason.ConflictingContentLength),
        ("Content-Length list differing", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5, 6\r\n\r\n", 400, RequestRejectionReason.ConflictingContentLength),
        ("Content-Length over limit", "POST / HTTP/1.1\r\n" + H + "Content-Length: 1048577\r\n\r\n", 413, RequestRejectionReason.RequestBodyTooLarge),
        ("Content-Length overflowing long", "POST / HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999999\r\n\r\n", 413, RequestRejectionReason.RequestBodyTooLarge),

        // Transfer-Encoding: only Content-Length bodies are supported.
        ("chunked", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n", 501, RequestRejectionReason.TransferEncodingNotSupported),
        ("chunked with Content-Length", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 501, RequestRejectionReason.TransferEncodingNotSupported),
        ("other coding, lowercase name", "POST / HTTP/1.1\r\n" + H + "transfer-encoding: gzip\r\n\r\n", 501, RequestRejectionReason.TransferEncodingNotSupported),

        // Host (RFC 9112 §3.2).
        ("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400, RequestRejectionReason.MissingHostHeader),
        ("two Host headers", "GET / HTTP/1.1\r\n" + H + "host: h\r\n\r\n", 400, RequestRejectionReason.MultipleHostHeaders),
        ("Host with space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400, RequestRejectionReason.InvalidHostHeader),
        ("Host with slash", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400, RequestRejectionReason.InvalidHostHeader),

        // Correlation id.
        ("correlation id too long", "GET / HTTP/1.1\r\n" + H + "X-Correlation-Id: " + new string('c', 129) + "\r\n\r\n", 400, RequestRejectionReason.InvalidCorrelationId),
        ("correlation id empty", "GET / HTTP/1.1\r\n" + H + "X-Correlation-Id: \r\n\r\n", 400, RequestRejectionReason.InvalidCorrelationId),
        ("correlation id with space", "GET / HTTP/1.1\r\n" + H + "X-Correlation-Id: a b\r\n\r\n", 400, RequestRejectionReason.InvalidCorrelationId),
        ("correlation id twice", "GET / HTTP/1.1\r\n" + H + "X-Correlation-Id: a\r\nx-correlation-id: a\r\n\r\n", 400, RequestRejectionReason.InvalidCorrelationId),

        // Limits at their defaults.
        ("request line too long", "GET /" + new string('a', 8 * 1024) + " HTTP/1.1\r\n" + H + "\r\n", 414, RequestRejectionReason.RequestLineTooLong),
        ("headers too large", "GET / HTTP/1.1\r\n" + H + "X-Big: " + new string('b', 32 * 1024) + "\r\n\r\n", 431, RequestRejectionReason.RequestHeadersTooLarge),
        ("too many headers", "GET / HTTP/1.1\r\n" + H + string.Concat(Enumerable.Range(0, 100).Select(i => $"X-{i}: v\r\n")) + "\r\n", 431, RequestRejectionReason.TooManyHeaders),
    ];

    public static TheoryData<string> Malformed => new(Corpus.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_MalformedRequest_RejectedWithItsStatus(string name)
    {
        var (_, text, status, reason) = Corpus.Single(c => c.Name == name);
        var (result, request, consumed, rejection) = Parse(Bytes(text));

        Assert.True(result == ParseResult.Rejected, $"{name}: got {result}");
        Assert.Equal(status, reason.StatusCode());
        Assert.Null(request);
        Assert.Equal(0, consumed);
        Assert.Equal(reason, rejection);
        Assert.Equal(status, rejection.StatusCode());
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_MalformedRequestSplitAtEveryPoint_RejectedTheSameWay(string name)
    {
        var (_, text, status, reason) = Corpus.Single(c => c.Name == name);
        var bytes = Bytes(text);

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var (result, _, _, rejection) = Parse(TestSequences.Split(bytes, cut));
            Assert.True(result == ParseResult.Rejected && rejection == reason, $"{name} ({status}) cut at {cut}: {result} {rejection}");
        }
    }

    [Fact]
    public void TryParse_RequestLineLongerThanLimitWithoutCrLf_RejectedWith414Early()
    {
        var limits = new LoopServerOptions { MaxRequestLineBytes = 32 };
        var atLimit = "GET /" + new string('a', 27);

        var (waiting, _, _, _) = Parse(Bytes(atLimit), limits);
        var (waitingForLf, _, _, _) = Parse(Bytes(atLimit + "\r"), limits);
        var (overLimit, _, _, rejection) = Parse(Bytes(atLimit + "a"), limits);

        Assert.Equal(ParseResult.NeedMoreData, waiting);
        Assert.Equal(ParseResult.NeedMoreData, waitingForLf);
        Assert.Equal(ParseResult.Rejected, overLimit);
        Assert.Equal(RequestRejectionReason.RequestLineTooLong, rejection);
    }

    [Fact]
    public void TryParse_RequestLineExactlyAtLimit_Accepted()
    {
        var limits = new LoopServerOptions { MaxRequestLineBytes = 32 };
        var line = "GET /" + new string('a', 18) + " HTTP/1.1";
        Assert.Equal(32, line.Length);

        var (accepted, _, _, _) = Parse(Bytes(line + "\r\n" + H + "\r\n"), limits);
        var (rejected, _, _, rejection) = Parse(Bytes("GET /" + new string('a', 19) + " HTTP/1.1\r\n" + H + "\r\n"), limits);

        Assert.Equal(ParseResult.Complete, accepted);
        Assert.Equal(ParseResult.Rejected, rejected);
        Assert.Equal(RequestRejectionReason.RequestLineTooLong, rejection);
    }

    [Fact]
    public void TryParse_MegabyteWithoutLineFeed_RejectedWith414()
    {
        var flood = new byte[1024 * 1024];
        Array.Fill(flood, (byte)'A');

        var (result, _, _, rejection) = Parse(flood);

        Assert.Equal(ParseResult.Rejected, result);
        Assert.Equal(RequestRejectionReason.RequestLineTooLong, rejection);
    }

    [Fact]
    public void TryParse_HeaderSectionExactlyAtLimit_AcceptedAndOneByteMoreRejected()
    {
        // "Host: h\r\n" is 9 bytes and "X-A: " 5, so a value of n bytes makes 16 + n in total.
        var limits = new LoopServerOptions { MaxRequestHeadersTotalBytes = 64 };
        var atLimit = "GET / HTTP/1.1\r\n" + H + "X-A: " + new string('v', 48) + "\r\n\r\n";
        var overLimit = "GET / HTTP/1.1\r\n" + H + "X-A: " + new string('v', 49) + "\r\n\r\n";

        Assert.Equal(ParseResult.Complete, Parse(Bytes(atLimit), limits).Result);
        var (result, _, _, rejection) = Parse(Bytes(overLimit), limits);
        Assert.Equal(ParseResult.Rejected, result);
        Assert.Equal(RequestRejectionReason.RequestHeadersTooLarge, rejection);
    }

    [Fact]
    public void TryParse_HeaderLineAlreadyOverLimitWithoutCrLf_RejectedWith431Early()
    {
        var limits = new LoopServerOptions { MaxRequestHeadersTotalBytes = 64 };
        var prefix = "GET / HTTP/1.1\r\n" + H + "X-A: ";

        // Value bytes so far plus the CRLF still to come: 48 fit, 49 cannot.
        var fits = Parse(Bytes(prefix + new string('v', 48)), limits);
        var fitsWithCr = Parse(Bytes(prefix + new string('v', 48) + "\r"), limits);
        var over = Parse(Bytes(prefix + new string('v', 49)), limits);

        Assert.Equal(ParseResult.NeedMoreData, fits.Result);
        Assert.Equal(ParseResult.NeedMoreData, fitsWithCr.Result);
        Assert.Equal(ParseResult.Rejected, over.Result);
        Assert.Equal(RequestRejectionReason.RequestHeadersTooLarge, over.Rejection);
    }

    [Fact]
    public void TryParse_HeaderCountAtLimit_AcceptedAndOneMoreRejectedBeforeItsLineEnds()
    {
        var limits = new LoopServerOptions { MaxRequestHeaderCount = 3 };
        var three = "GET / HTTP/1.1\r\n" + H + "A: 1\r\nB: 2\r\n";

        var complete = Parse(Bytes(three + "\r\n"), limits);
        var waitingForEnd = Parse(Bytes(three + "\r"), limits);
        var fourthStarted = Parse(Bytes(three + "C"), limits);

        Assert.Equal(ParseResult.Complete, complete.Result);
        Assert.Equal(ParseResult.NeedMoreData, waitingForEnd.Result);
        Assert.Equal(ParseResult.Rejected, fourthStarted.Result);
        Assert.Equal(RequestRejectionReason.TooManyHeaders, fourthStarted.Rejection);
    }

    [Fact]
    public void TryParse_ContentLengthAtBodyLimit_WaitsForBodyAndOneMoreRejectedBeforeBody()
    {
        var limits = new LoopServerOptions { MaxRequestBodyBytes = 10 };
        var atLimit = Bytes("POST / HTTP/1.1\r\n" + H + "Content-Length: 10\r\n\r\n");
        var overLimit = Bytes("POST / HTTP/1.1\r\n" + H + "Content-Length: 11\r\n\r\n");

        Assert.Equal(ParseResult.NeedMoreData, Parse(atLimit, limits).Result);
        var (result, _, _, rejection) = Parse(overLimit, limits);
        Assert.Equal(ParseResult.Rejected, result);
        Assert.Equal(RequestRejectionReason.RequestBodyTooLarge, rejection);
    }

    [Fact]
    public void TryParse_HugeHeadAcrossManySegments_RejectedWithoutReadingItAll()
    {
        var limits = new LoopServerOptions { MaxRequestHeadersTotalBytes = 1024 };
        var bytes = Bytes("GET / HTTP/1.1\r\n" + H + "X-Big: " + new string('b', 200_000));
        var cuts = Enumerable.Range(1, 199).Select(i => i * 1000).ToArray();

        var (result, _, _, rejection) = Parse(TestSequences.Split(bytes, cuts), limits);

        Assert.Equal(ParseResult.Rejected, result);
        Assert.Equal(RequestRejectionReason.RequestHeadersTooLarge, rejection);
    }

    [Theory]
    [InlineData("GET /")]
    [InlineData("GET / HTTP/1.1\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r")]
    public void TryParse_IncompleteHeadOneByteOverMaxHeadBytes_NeverNeedsMoreData(string start)
    {
        // The connection code relies on this to bound its buffer by MaxRequestBytes.
        var limits = new LoopServerOptions { MaxRequestLineBytes = 32, MaxRequestHeadersTotalBytes = 64 };
        var text = start + new string('x', limits.MaxRequestHeadBytes + 1 - start.Length);

        for (var length = limits.MaxRequestHeadBytes + 1; length <= text.Length + 20; length++)
        {
            var bytes = Bytes((text + new string('x', 20))[..length]);
            Assert.Equal(ParseResult.Rejected, Parse(bytes, limits).Result);
            Assert.Equal(ParseResult.Rejected, Parse(TestSequences.Split(bytes, start.Length), limits).Result);
        }
    }

    [Fact]
    public void TryParse_RejectedRequest_ConsumedIsBufferStart()
    {
        var buffer = new ReadOnlySequence<byte>(Bytes("GET / HTTP/2.0\r\n\r\n"));

        var result = Http1Parser.TryParse(buffer, Defaults, out var request, out var consumed, out _);

        Assert.Equal(ParseResult.Rejected, result);
        Assert.Null(request);
        Assert.Equal(buffer.Start, consumed);
    }
}
