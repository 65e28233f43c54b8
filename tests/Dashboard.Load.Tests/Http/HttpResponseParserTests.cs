using System.Text;
using Dashboard.Load.Http;

namespace Dashboard.Load.Tests.Http;

public sealed class HttpResponseParserTests
{
    public static TheoryData<string, bool, int, long, bool> ValidResponses => new()
    {
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false, 200, 5, true },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n", false, 200, 11, true },
        { "HTTP/1.1 204 No Content\r\nServer: t\r\n\r\n", false, 204, 0, true },
        { "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", false, 304, 0, true },
        { "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", true, 200, 0, true },
        { "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", false, 201, 2, true },
        { "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false, 503, 0, false },
        { "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 3\r\n\r\nabc", false, 200, 3, true },
        { "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc", false, 200, 3, false },
        { "HTTP/1.1 200 OK\ncontent-length: 4\n\nbody", false, 200, 4, true },
        { "HTTP/1.1 404\r\ncontent-length:  1 \r\n\r\nx", false, 404, 1, true },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n", false, 200, 10, true },
    };

    [Theory]
    [MemberData(nameof(ValidResponses))]
    public void Parse_WholeResponse_IsComplete(string response, bool head, int status, long body, bool keepAlive)
    {
        var parser = new HttpResponseParser();
        parser.Reset(head);
        byte[] bytes = Encoding.ASCII.GetBytes(response);

        Assert.Equal(ResponseParseStatus.Complete, parser.Parse(bytes, out int consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal((status, body, keepAlive), (parser.StatusCode, parser.BodyBytes, parser.KeepAlive));
    }

    [Theory]
    [MemberData(nameof(ValidResponses))]
    public void Parse_EveryPrefix_NeedsMoreData(string response, bool head, int status, long body, bool keepAlive)
    {
        _ = (status, body, keepAlive);
        byte[] bytes = Encoding.ASCII.GetBytes(response);
        for (int length = 0; length < bytes.Length; length++)
        {
            var parser = new HttpResponseParser();
            parser.Reset(head);
            ResponseParseStatus result = Feed(parser, [bytes.AsSpan(0, length).ToArray()], out _);
            Assert.True(result == ResponseParseStatus.NeedMoreData, $"prefix of {length} bytes gave {result}");
        }
    }

    [Theory]
    [MemberData(nameof(ValidResponses))]
    public void Parse_EveryTwoWaySplit_GivesTheSameResult(string response, bool head, int status, long body, bool keepAlive)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(response);
        for (int split = 0; split <= bytes.Length; split++)
        {
            var parser = new HttpResponseParser();
            parser.Reset(head);
            ResponseParseStatus result = Feed(parser, [bytes[..split], bytes[split..]], out int leftover);
            Assert.Equal(ResponseParseStatus.Complete, result);
            Assert.Equal(0, leftover);
            Assert.Equal((status, body, keepAlive), (parser.StatusCode, parser.BodyBytes, parser.KeepAlive));
        }
    }

    [Theory]
    [MemberData(nameof(ValidResponses))]
    public void Parse_ByteByByte_GivesTheSameResult(string response, bool head, int status, long body, bool keepAlive)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(response);
        var parser = new HttpResponseParser();
        parser.Reset(head);
        ResponseParseStatus result = Feed(parser, bytes.Select(b => new[] { b }).ToArray(), out _);
        Assert.Equal(ResponseParseStatus.Complete, result);
        Assert.Equal((status, body, keepAlive), (parser.StatusCode, parser.BodyBytes, parser.KeepAlive));
    }

    [Fact]
    public void Parse_BodyUntilClose_CompletesAtEndOfStream()
    {
        var parser = new HttpResponseParser();
        parser.Reset(headRequest: false);
        byte[] bytes = Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nabcdef");
        Assert.Equal(ResponseParseStatus.NeedMoreData, parser.Parse(bytes, out int consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(ResponseParseStatus.Complete, parser.CompleteAtEndOfStream());
        Assert.Equal(6, parser.BodyBytes);
        Assert.False(parser.KeepAlive);
    }

    [Fact]
    public void Parse_EndOfStreamMidBody_IsInvalid()
    {
        var parser = new HttpResponseParser();
        parser.Reset(headRequest: false);
        parser.Parse(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc"), out _);
        Assert.Equal(ResponseParseStatus.Invalid, parser.CompleteAtEndOfStream());
        Assert.Contains("closed before", parser.Error);
    }

    [Fact]
    public void Parse_BytesAfterTheResponse_AreLeftUnconsumed()
    {
        var parser = new HttpResponseParser();
        parser.Reset(headRequest: false);
        byte[] bytes = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1");
        Assert.Equal(ResponseParseStatus.Complete, parser.Parse(bytes, out int consumed));
        Assert.Equal(bytes.Length - "HTTP/1.1".Length, consumed);
    }

    [Theory]
    [InlineData("HTTP/2 200 OK\r\n\r\n", "invalid status line")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n", "invalid status code")]
    [InlineData("HTTP/1.1 099 Low\r\n\r\n", "invalid status code")]
    [InlineData("HTTP/1.2 200 OK\r\n\r\n", "unsupported HTTP version")]
    [InlineData("HTTP/1.1 200OK\r\n\r\n", "invalid status line")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "invalid header line")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", "invalid Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "conflicting Content-Length headers")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "invalid chunk size")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "chunk data longer than its size")]
    public void Parse_InvalidResponse_SaysWhy(string response, string error)
    {
        var parser = new HttpResponseParser();
        parser.Reset(headRequest: false);
        Assert.Equal(ResponseParseStatus.Invalid, parser.Parse(Encoding.ASCII.GetBytes(response), out _));
        Assert.Equal(error, parser.Error);
    }

    /// <summary>Feeds chunks as a connection would: unconsumed bytes stay in front of the next chunk.</summary>
    private static ResponseParseStatus Feed(HttpResponseParser parser, byte[][] chunks, out int leftover)
    {
        var buffer = new List<byte>();
        ResponseParseStatus status = ResponseParseStatus.NeedMoreData;
        foreach (byte[] chunk in chunks)
        {
            buffer.AddRange(chunk);
            status = parser.Parse(buffer.ToArray(), out int consumed);
            buffer.RemoveRange(0, consumed);
            if (status != ResponseParseStatus.NeedMoreData)
            {
                break;
            }
        }

        leftover = buffer.Count;
        return status;
    }
}
