using Dashboard.LoopServer.Http;
using static Dashboard.LoopServer.Tests.Http.ParserHarness;

namespace Dashboard.LoopServer.Tests.Http;

/// <summary>
/// The loop must never crash on input: mutated requests (fixed seed, bounded count) parse without
/// throwing, and a random segmentation of the same bytes gives the same outcome.
/// </summary>
public sealed class Http1ParserRobustnessTests
{
    private const int Iterations = 4000;
    private static readonly byte[] Interesting = "\r\n :\t,/?#*0123456789\u0000\u007f\u00ff"u8.ToArray();

    [Fact]
    public void TryParse_MutatedRequests_NeverThrowAndAgreeAcrossSegmentations()
    {
        var random = new Random(20240611);
        var limits = new LoopServerOptions { MaxRequestLineBytes = 64, MaxRequestHeadersTotalBytes = 256, MaxRequestHeaderCount = 8, MaxRequestBodyBytes = 32 };
        var corpus = ValidRequestCorpus.All.Select(r => r.Bytes).ToArray();
        var outcomes = new HashSet<ParseResult>();

        for (var i = 0; i < Iterations; i++)
        {
            var bytes = Mutate(corpus[random.Next(corpus.Length)], random);

            var contiguous = Parse(bytes, limits);
            var first = random.Next(bytes.Length + 1);
            var second = random.Next(first, bytes.Length + 1);
            var split = Parse(TestSequences.Split(bytes, first, second), limits);

            outcomes.Add(contiguous.Result);
            Assert.True(SameOutcome(contiguous, split), $"iteration {i}: {Describe(bytes, limits)}\nvs split {Describe(TestSequences.Split(bytes, first, second), limits)}");
            Assert.InRange(contiguous.Consumed, 0, bytes.Length);
            if (contiguous.Result == ParseResult.Rejected)
            {
                Assert.Contains(contiguous.Rejection.StatusCode(), new[] { 400, 413, 414, 431, 501, 505 });
            }
        }

        // The mutations must exercise all three outcomes, or this test proves little.
        Assert.Equal(3, outcomes.Count);
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            var value = random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
            switch (random.Next(4))
            {
                case 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                case 2: bytes.RemoveAt(at); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }

        return [.. bytes];
    }
}
