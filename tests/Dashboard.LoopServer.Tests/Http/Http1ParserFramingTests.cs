using System.Buffers;
using System.Text;
using Dashboard.LoopServer.Http;
using static Dashboard.LoopServer.Tests.Http.ParserHarness;

namespace Dashboard.LoopServer.Tests.Http;

/// <summary>How the parser frames requests in a buffer: prefixes, segment splits, pipelining.</summary>
public sealed class Http1ParserFramingTests
{
    public static TheoryData<string> Corpus => ValidRequestCorpus.Names();

    [Theory]
    [MemberData(nameof(Corpus))]
    public void TryParse_WholeRequest_ParsesExpectedFields(string name)
    {
        var expected = ValidRequestCorpus.Get(name);

        var (result, request, consumed, rejection) = Parse(expected.Bytes);

        Assert.Equal(ParseResult.Complete, result);
        Assert.Equal(RequestRejectionReason.None, rejection);
        Assert.NotNull(request);
        Assert.Equal(expected.FirstRequestLength, consumed);
        Assert.Equal(expected.Method, request.Method);
        Assert.Equal(expected.Path, request.Path);
        Assert.Equal(expected.QueryString, request.QueryString);
        Assert.Equal(expected.Body, Encoding.Latin1.GetString(request.Body.Span));
        Assert.Equal(expected.HeaderCount, request.Headers.Count);
        Assert.Equal(expected.KeepAlive, request.KeepAlive);
        Assert.Equal(consumed, request.TotalBytes);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void TryParse_EveryStrictPrefix_NeedsMoreDataAndConsumesNothing(string name)
    {
        var bytes = ValidRequestCorpus.Get(name).Bytes;
        var firstLength = ValidRequestCorpus.Get(name).FirstRequestLength;

        for (var length = 0; length < firstLength; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            var result = Http1Parser.TryParse(buffer, Defaults, out var request, out var consumed, out var rejection);

            Assert.True(result == ParseResult.NeedMoreData, $"prefix of {length} bytes gave {result} ({rejection})");
            Assert.Null(request);
            Assert.Equal(buffer.Start, consumed);
            Assert.Equal(RequestRejectionReason.None, rejection);

            var spanResult = Http1Parser.TryParse(bytes.AsSpan(0, length), Defaults, out _, out var spanConsumed, out _);
            Assert.Equal(ParseResult.NeedMoreData, spanResult);
            Assert.Equal(0, spanConsumed);
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void TryParse_SplitIntoTwoSegmentsAtEveryPoint_ParsesIdentically(string name)
    {
        var bytes = ValidRequestCorpus.Get(name).Bytes;
        var expected = Describe(bytes);

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            Assert.Equal(expected, Describe(TestSequences.Split(bytes, cut)));
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void TryParse_SplitIntoThreeSegmentsAtEveryPair_ParsesIdentically(string name)
    {
        var bytes = ValidRequestCorpus.Get(name).Bytes;
        var expected = Parse(bytes);

        for (var first = 0; first <= bytes.Length; first++)
        {
            for (var second = first; second <= bytes.Length; second++)
            {
                var split = TestSequences.Split(bytes, first, second);
                if (!SameOutcome(expected, Parse(split)))
                {
                    Assert.Fail($"cuts at {first} and {second}:\n{Describe(split)}\nexpected:\n{Describe(bytes)}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void TryParse_EveryPrefixSplitIntoSegments_NeedsMoreData(string name)
    {
        var request = ValidRequestCorpus.Get(name);
        var bytes = request.Bytes;

        for (var length = 1; length < request.FirstRequestLength; length++)
        {
            var prefix = bytes.AsSpan(0, length).ToArray();
            var (result, _, consumed, _) = Parse(TestSequences.Split(prefix, length / 2));

            Assert.Equal(ParseResult.NeedMoreData, result);
            Assert.Equal(0, consumed);
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void TryParse_SpanOverload_MatchesSequenceOverload(string name)
    {
        var bytes = ValidRequestCorpus.Get(name).Bytes;

        var result = Http1Parser.TryParse(bytes.AsSpan(), Defaults, out var request, out var consumed, out var rejection);

        Assert.Equal(Describe(bytes), Describe(result, request, consumed, rejection));
    }

    [Fact]
    public void TryParse_PipelinedPair_ReturnsFirstAndConsumedPointsAtSecond()
    {
        var pair = ValidRequestCorpus.Get("pipelined-pair");
        var buffer = new ReadOnlySequence<byte>(pair.Bytes);

        var first = Http1Parser.TryParse(buffer, Defaults, out var firstRequest, out var consumed, out _);
        var rest = buffer.Slice(consumed);
        var second = Http1Parser.TryParse(rest, Defaults, out var secondRequest, out var secondConsumed, out _);

        Assert.Equal(ParseResult.Complete, first);
        Assert.Equal("/hello", firstRequest!.Path);
        Assert.StartsWith("POST /b ", Encoding.ASCII.GetString(rest.FirstSpan));
        Assert.Equal(ParseResult.Complete, second);
        Assert.Equal("POST", secondRequest!.Method);
        Assert.Equal("hi", Encoding.ASCII.GetString(secondRequest.Body.Span));
        Assert.Equal(rest.End, secondConsumed);
    }

    [Fact]
    public void TryParse_PipelinedPairSplitAtEveryPoint_ParsesBothIdentically()
    {
        var bytes = ValidRequestCorpus.Get("pipelined-pair").Bytes;
        var whole = new ReadOnlySequence<byte>(bytes);
        Http1Parser.TryParse(whole, Defaults, out _, out var consumed, out _);
        var expectedSecond = Describe(whole.Slice(consumed));

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var split = TestSequences.Split(bytes, cut);
            Assert.Equal(ParseResult.Complete, Http1Parser.TryParse(split, Defaults, out _, out var splitConsumed, out _));
            Assert.Equal(expectedSecond, Describe(split.Slice(splitConsumed)));
        }
    }

    [Fact]
    public void TryParse_ReceiveLoopFeedingOneByteAtATime_YieldsEveryPipelinedRequestOnce()
    {
        // The way the connection code will drive it: append what arrived, parse until NeedMoreData.
        var wire = Bytes(
            "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n" +
            "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello" +
            "GET /3 HTTP/1.0\r\n\r\n");
        var received = new List<byte>();
        var paths = new List<string>();

        foreach (var b in wire)
        {
            received.Add(b);
            while (true)
            {
                var result = Http1Parser.TryParse(received.ToArray().AsSpan(), Defaults, out var request, out var consumed, out _);
                Assert.NotEqual(ParseResult.Rejected, result);
                if (result == ParseResult.NeedMoreData)
                {
                    break;
                }

                paths.Add(request!.Path);
                received.RemoveRange(0, consumed);
            }
        }

        Assert.Equal(["/1", "/2", "/3"], paths);
        Assert.Empty(received);
    }

    [Fact]
    public void TryParse_BodyNotYetComplete_NeedsMoreDataUntilLastByte()
    {
        var bytes = Bytes("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789");

        var (partial, _, partialConsumed, _) = Parse(bytes.AsSpan(0, bytes.Length - 1).ToArray());
        var (whole, request, consumed, _) = Parse(bytes);

        Assert.Equal(ParseResult.NeedMoreData, partial);
        Assert.Equal(0, partialConsumed);
        Assert.Equal(ParseResult.Complete, whole);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal("0123456789", Encoding.ASCII.GetString(request!.Body.Span));
    }

    [Fact]
    public void TryParse_BodySpreadOverManySegments_IsCopiedWhole()
    {
        var head = "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3000\r\n\r\n";
        var body = Enumerable.Range(0, 3000).Select(i => (byte)(i % 251)).ToArray();
        var bytes = Bytes(head).Concat(body).ToArray();
        var cuts = Enumerable.Range(1, 30).Select(i => i * 100).ToArray();

        var (result, request, consumed, _) = Parse(TestSequences.Split(bytes, cuts));

        Assert.Equal(ParseResult.Complete, result);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(body, request!.Body.ToArray());
    }

    [Fact]
    public void TryParse_AfterParse_BodyIsOwnedAndSurvivesBufferReuse()
    {
        var bytes = Bytes("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nabcd");

        var (_, request, _, _) = Parse(bytes);
        Array.Clear(bytes);

        Assert.Equal("abcd", Encoding.ASCII.GetString(request!.Body.Span));
        Assert.Equal("h", request.Host);
    }
}
