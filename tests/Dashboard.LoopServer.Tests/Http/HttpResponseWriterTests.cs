using System.Buffers;
using System.Text;
using Dashboard.LoopServer.Http;
using static Dashboard.LoopServer.Tests.Http.ParserHarness;

namespace Dashboard.LoopServer.Tests.Http;

public sealed class HttpResponseWriterTests
{
    private static readonly DateTimeOffset SampleDate = new(1994, 11, 6, 8, 49, 37, TimeSpan.Zero);

    [Fact]
    public void Write_KeepAliveHttp11_ExactBytesWithoutConnectionHeader()
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.Write(output, 200, "text/plain", "hello"u8, keepAlive: true);

        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
            Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Write_CloseWithDateAndExtraHeaders_ExactBytes()
    {
        var output = new ArrayBufferWriter<byte>();
        HttpHeader[] extra = [new("X-Correlation-Id", "abc-1"), new("Cache-Control", "no-store")];

        HttpResponseWriter.Write(
            output, 404, "application/json", "{}"u8, keepAlive: false, date: SampleDate.ToOffset(TimeSpan.FromHours(2)), extraHeaders: extra);

        Assert.Equal(
            "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n" +
            "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nX-Correlation-Id: abc-1\r\nCache-Control: no-store\r\n\r\n{}",
            Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Write_KeepAliveHttp10_AnnouncesKeepAlive()
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.Write(output, 200, null, ""u8, keepAlive: true, HttpProtocolVersion.Http10);

        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n",
            Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Write_NoContent_HasNoContentLength()
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.Write(output, 204, null, ""u8, keepAlive: true);

        Assert.Equal("HTTP/1.1 204 No Content\r\n\r\n", Encoding.ASCII.GetString(output.WrittenSpan));
        Assert.Throws<ArgumentException>(() => HttpResponseWriter.Write(output, 204, null, "x"u8, keepAlive: true));
    }

    [Fact]
    public void Write_CodeWithoutPhrase_EmptyPhrase()
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.Write(output, 299, null, ""u8, keepAlive: true);

        Assert.Equal("HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(600)]
    public void Write_StatusOutOfRange_Throws(int status)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => HttpResponseWriter.Write(new ArrayBufferWriter<byte>(), status, null, ""u8, keepAlive: true));
    }

    [Theory]
    [InlineData("X-A", "ok\r\nInjected: yes")]
    [InlineData("X-A", "caf\u00e9")]
    [InlineData("X A", "v")]
    [InlineData("", "v")]
    public void Write_HeaderWithUnsafeCharacters_Throws(string name, string value)
    {
        HttpHeader[] extra = [new(name, value)];

        Assert.Throws<ArgumentException>(
            () => HttpResponseWriter.Write(new ArrayBufferWriter<byte>(), 200, null, ""u8, true, extraHeaders: extra));
    }

    [Fact]
    public void Write_ContentTypeWithNewLine_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => HttpResponseWriter.Write(new ArrayBufferWriter<byte>(), 200, "text/plain\r\nX: y", ""u8, true));
    }

    [Fact]
    public void Write_LargeBody_WrittenWhole()
    {
        var body = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var output = new ArrayBufferWriter<byte>(16);

        HttpResponseWriter.Write(output, 200, "application/octet-stream", body, keepAlive: true);

        var text = Encoding.Latin1.GetString(output.WrittenSpan);
        Assert.Contains("Content-Length: 100000\r\n", text, StringComparison.Ordinal);
        Assert.Equal(body, output.WrittenSpan[^body.Length..].ToArray());
    }

    [Fact]
    public void Write_ForHeadRequest_AnnouncesLengthButSendsNoBody()
    {
        var (_, request, _, _) = Parse(Bytes("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"));
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.Write(output, request!, 200, "text/plain", "hello"u8);

        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n",
            Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\n\r\n", false, "")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\n\r\n", true, "Connection: close\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", false, "Connection: close\r\n")]
    [InlineData("GET / HTTP/1.0\r\n\r\n", false, "Connection: close\r\n")]
    [InlineData("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", false, "Connection: keep-alive\r\n")]
    public void Write_ForRequest_ConnectionHeaderFollowsRequest(string requestText, bool closeConnection, string connectionLine)
    {
        var (_, request, _, _) = Parse(Bytes(requestText));
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.Write(output, request!, 200, null, "ok"u8, closeConnection);

        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + connectionLine + "\r\nok",
            Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void CreateRejection_TooManyHeaders_ExactBytes()
    {
        var bytes = HttpResponseWriter.CreateRejection(RequestRejectionReason.TooManyHeaders, new LoopServerOptions());

        const string Body = "431 Request Header Fields Too Large: more than 100 headers\n";
        Assert.Equal(
            "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n" +
            $"Content-Length: {Body.Length}\r\nConnection: close\r\n\r\n{Body}",
            Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void CreateRejection_ParsedRejection_AnswersItsStatusAndCloses()
    {
        var (_, _, _, rejection) = Parse(Bytes("GET / HTTP/2.0\r\nHost: h\r\n\r\n"));

        var text = Encoding.ASCII.GetString(HttpResponseWriter.CreateRejection(rejection, Defaults, SampleDate));

        Assert.StartsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Connection: close\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n505 HTTP Version Not Supported: only HTTP/1.0 and HTTP/1.1 are supported\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteRejection_Timeout_Answers408()
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.WriteRejection(output, RequestRejectionReason.RequestHeadersTimeout, Defaults);

        Assert.StartsWith("HTTP/1.1 408 Request Timeout\r\n", Encoding.ASCII.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }
}
