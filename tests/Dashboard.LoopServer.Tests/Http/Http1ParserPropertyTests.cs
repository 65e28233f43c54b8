using System.Net.Sockets;
using System.Text;
using CsCheck;
using Dashboard.LoopServer.Http;
using Dashboard.LoopServer.Tests.Serving;
using static Dashboard.LoopServer.Tests.Http.ParserHarness;

namespace Dashboard.LoopServer.Tests.Http;

/// <summary>
/// Properties of the HTTP/1.1 parser over generated requests (CsCheck: random, shrinking to the
/// smallest failing case): a valid request parses the same however its bytes are cut, every
/// prefix of it asks for more, and any mutation of it is parsed or refused with a 4xx/5xx reason,
/// never an exception. Then the same mutations against a running loop server, which keeps serving.
/// </summary>
public sealed class Http1ParserPropertyTests
{
    private static readonly Gen<string> Token = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-._~"], 1, 12];

    private static readonly Gen<string> Path =
        Token.Array[0, 5].Select(segments => "/" + string.Join('/', segments));

    private static readonly Gen<string> Query =
        Gen.Select(Token, Token).Array[0, 3].Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join('&', pairs.Select(p => p.Item1 + "=" + p.Item2)));

    // Visible ASCII and inner spaces; no leading or trailing whitespace (RFC 9110 field-value).
    private static readonly Gen<string> HeaderValue =
        Gen.String[Gen.Char[' ', '~'], 0, 40].Select(v => v.Trim());

    private static readonly Gen<(string Name, string Value)[]> Headers =
        Gen.Select(Token, HeaderValue).Array[0, 8].Select(pairs => pairs.Select(p => ("x-" + p.Item1, p.Item2)).ToArray());

    /// <summary>A valid request: method, target, Host, extra headers, an optional Content-Length body.</summary>
    internal static readonly Gen<GeneratedRequest> Request =
        Gen.Select(Gen.OneOf("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"), Path, Query, Headers, Gen.Byte.Array[0, 64], Gen.Bool)
            .Select((method, path, query, headers, body, close) => new GeneratedRequest(method, path, query, headers, body, close));

    [Fact]
    public void ValidRequest_SplitAnywhere_ParsesTheSameAsWhole()
    {
        Gen.Select(Request, Gen.Int[0, 1000].Array[0, 6]).Sample((request, cutSeeds) =>
        {
            var bytes = request.Bytes;
            var whole = Parse(bytes);
            var cuts = cutSeeds.Select(c => c % (bytes.Length + 1)).Order().ToArray();
            var split = Parse(TestSequences.Split(bytes, cuts));

            Assert.Equal(ParseResult.Complete, whole.Result);
            Assert.Equal(bytes.Length, whole.Consumed);
            Assert.Equal(request.Method, whole.Request!.Method);
            Assert.Equal(request.Path, whole.Request.Path);
            Assert.Equal(request.Body, whole.Request.Body.ToArray());
            Assert.Equal(!request.Close, whole.Request.KeepAlive);
            Assert.True(SameOutcome(whole, split), $"cut at {string.Join(",", cuts)}:\n{Describe(bytes)}");
        }, iter: 2_000);
    }

    [Fact]
    public void ValidRequest_AnyShorterPrefix_AsksForMoreAndConsumesNothing()
    {
        Gen.Select(Request, Gen.Int[0, int.MaxValue]).Sample((request, seed) =>
        {
            var bytes = request.Bytes;
            var prefix = bytes[..(seed % bytes.Length)];

            var parsed = Parse(prefix);

            Assert.Equal(ParseResult.NeedMoreData, parsed.Result);
            Assert.Equal(0, parsed.Consumed);
        }, iter: 2_000);
    }

    [Fact]
    public void MutatedRequest_IsParsedOrRefusedWithAStatus_NeverThrows_AndAgreesAcrossCuts()
    {
        var limits = new LoopServerOptions { MaxRequestLineBytes = 96, MaxRequestHeadersTotalBytes = 256, MaxRequestHeaderCount = 6, MaxRequestBodyBytes = 48 };
        Gen.Select(Request, Mutation.Array[1, 4], Gen.Int[0, 1000]).Sample((request, mutations, cutSeed) =>
        {
            var bytes = Apply(request.Bytes, mutations);
            var whole = Parse(bytes, limits);
            var cut = cutSeed % (bytes.Length + 1);
            var split = Parse(TestSequences.Split(bytes, cut), limits);

            Assert.InRange(whole.Consumed, 0, bytes.Length);
            if (whole.Result == ParseResult.Rejected)
            {
                Assert.InRange(whole.Rejection.StatusCode(), 400, 599);
                Assert.NotEmpty(whole.Rejection.Describe(limits));
            }

            Assert.True(SameOutcome(whole, split), $"cut at {cut} of {bytes.Length}:\n{Describe(bytes, limits)}\nvs split:\n{Describe(split.Result, split.Request, split.Consumed, split.Rejection)}\nbytes: {Convert.ToHexString(bytes)}");
        }, iter: 5_000);
    }

    [Fact]
    public async Task MutatedRequests_AgainstTheRunningServer_EachIsAnsweredOrClosed_AndTheLoopKeepsServing()
    {
        await using var harness = new ServerHarness();
        var samples = Gen.Select(Request, Mutation.Array[1, 4]).Array[150].Single();

        foreach (var (request, mutations) in samples)
        {
            using var socket = await harness.ConnectAsync();
            await socket.SendAsync(Apply(request.Bytes, mutations), SocketFlags.None);
            // End of input: a request still waiting for bytes is cut, a complete one answered.
            socket.Shutdown(SocketShutdown.Send);
            var answer = await ServerHarness.ReadToEndAsync(socket);
            if (answer.Length > 0)
            {
                Assert.Matches("^HTTP/1\\.1 [1-5][0-9][0-9] ", answer);
            }
        }

        using var client = new HttpClient { BaseAddress = harness.BaseAddress };
        Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
        Assert.True(harness.Loop.IsRunning);
        await Waits.Until(() => harness.Server.Counters.OpenConnections <= 1, "the mutated requests' connections to close");
    }

    /// <summary>One edit: replace, insert or delete a byte at a position (taken modulo the length), or cut the rest.</summary>
    private static readonly Gen<(int Kind, int At, byte Value)> Mutation =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Frequency((3, Gen.OneOf("\r\n :\t,/?#*0123456789\0\x7f\xff".Select(c => (byte)c).ToArray())), (1, Gen.Byte)));

    private static byte[] Apply(byte[] source, (int Kind, int At, byte Value)[] mutations)
    {
        var bytes = new List<byte>(source);
        foreach (var (kind, at, value) in mutations)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            var index = at % bytes.Count;
            switch (kind)
            {
                case 0: bytes[index] = value; break;
                case 1: bytes.Insert(index, value); break;
                case 2: bytes.RemoveAt(index); break;
                default: bytes.RemoveRange(index, bytes.Count - index); break;
            }
        }

        return [.. bytes];
    }
}

/// <summary>A generated valid request and its bytes.</summary>
internal sealed record GeneratedRequest(string Method, string Path, string Query, (string Name, string Value)[] Headers, byte[] Body, bool Close)
{
    public byte[] Bytes
    {
        get
        {
            var text = new StringBuilder();
            text.Append(Method).Append(' ').Append(Path).Append(Query).Append(" HTTP/1.1\r\nHost: h\r\n");
            foreach (var (name, value) in Headers)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            if (Close)
            {
                text.Append("Connection: close\r\n");
            }

            if (Body.Length > 0)
            {
                text.Append("Content-Length: ").Append(Body.Length).Append("\r\n");
            }

            text.Append("\r\n");
            return [.. Encoding.Latin1.GetBytes(text.ToString()), .. Body];
        }
    }

    public override string ToString() => Encoding.Latin1.GetString(Bytes);
}
