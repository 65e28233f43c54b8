using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Tests.Serving;

/// <summary>
/// Clients that hold a connection without finishing: dripping a head, dripping a body, never
/// reading their answers, opening too many. Each is cut by its limit, counted by its reason, and
/// the server keeps answering everyone else.
/// </summary>
public sealed class SlowClientTests
{
    private static readonly byte[] Head = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\nX-Filler: dripping\r\n\r\n");

    [Fact]
    public async Task TwoHundredClientsDrippingAByteASecond_AreAllClosedByTheHeadDeadline_WhileOthersAreAnsweredQuickly()
    {
        var options = new LoopServerOptions { HeaderReadTimeout = TimeSpan.FromSeconds(2) };
        await using var harness = new ServerHarness(options);
        using var client = new HttpClient { BaseAddress = harness.BaseAddress };
        // A first request pays for the client's own start (JIT, connection): not the server's time.
        Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
        var drippers = new List<Socket>();
        for (var i = 0; i < 200; i++)
        {
            drippers.Add(await harness.ConnectAsync());
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var drips = drippers.Select(socket => DripAsync(socket, Head, TimeSpan.FromSeconds(1), stop.Token)).ToList();
        var answers = new List<double>();
        var clock = Stopwatch.StartNew();
        // Several answers while the drippers hold on (they are cut at 2 s): one stall of the machine is outvoted by the median.
        while (clock.Elapsed < TimeSpan.FromSeconds(1.5) || (answers.Count < 5 && clock.Elapsed < TimeSpan.FromSeconds(1.9)))
        {
            var sent = Stopwatch.GetTimestamp();
            Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
            answers.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            await Task.Delay(50);
        }

        var closed = await Task.WhenAll(drips).Within("every dripping client to be closed", TimeSpan.FromSeconds(15));

        Assert.All(closed, text => Assert.StartsWith("HTTP/1.1 408", text));
        Assert.Equal(200, harness.Server.Counters.Refusals(RequestRejectionReason.RequestHeadersTimeout));
        Assert.True(Median(answers) < 10, $"a normal request took {Median(answers):0.0} ms (median of {answers.Count}) while 200 clients dripped");
        foreach (var socket in drippers)
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task BodySlowerThanTheMinimumRate_Gets408AfterTheGracePeriod()
    {
        var options = new LoopServerOptions { MinRequestBodyDataRate = 100, MinRequestBodyDataRateGracePeriod = TimeSpan.FromMilliseconds(500), HeaderReadTimeout = TimeSpan.FromMilliseconds(400) };
        await using var harness = new ServerHarness(options);
        using var socket = await harness.ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nab"), SocketFlags.None);

        // A byte every 200 ms is 5 bytes/s, under the 100 asked for; the head's deadline (400 ms) no longer applies.
        var answer = await DripAsync(socket, new byte[998], TimeSpan.FromMilliseconds(200), CancellationToken.None).Within("the slow body to be cut", TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 408", answer);
        Assert.Equal(1, harness.Server.Counters.Refusals(RequestRejectionReason.RequestBodyTooSlow));
        Assert.Equal(0, harness.Server.Counters.Refusals(RequestRejectionReason.RequestHeadersTimeout));
    }

    [Fact]
    public async Task BodyAtAFairRate_IsNotCut()
    {
        var options = new LoopServerOptions { MinRequestBodyDataRate = 10, MinRequestBodyDataRateGracePeriod = TimeSpan.FromMilliseconds(300) };
        await using var harness = new ServerHarness(options);
        using var socket = await harness.ConnectAsync();
        var head = Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 80\r\n\r\n");
        await socket.SendAsync(head.Concat(new byte[16]).ToArray(), SocketFlags.None);

        // 80 bytes over ~0.8 s, 16 up front: well above 10 bytes/s even if a chunk comes late.
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(200);
            await socket.SendAsync(new byte[16], SocketFlags.None);
        }

        var answer = await ServerHarness.ReadToEndAsync(socket);

        Assert.DoesNotContain("408", answer.Split("\r\n")[0], StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Counters.Refusals(RequestRejectionReason.RequestBodyTooSlow));
    }

    [Fact]
    public async Task ClientThatNeverReadsItsAnswers_IsClosedByTheSendTimeout()
    {
        var options = new LoopServerOptions { SendTimeout = TimeSpan.FromMilliseconds(500) };
        await using var harness = new ServerHarness(options);
        var socket = await harness.ConnectAsync();
        socket.ReceiveBufferSize = 4096;
        var request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        var pipeline = Enumerable.Repeat(request, 2000).SelectMany(r => r).ToArray();

        // Keep sending requests and never read: the server's answers fill both socket buffers.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (harness.Server.Counters.SendTimeouts == 0)
            {
                await socket.SendAsync(pipeline, SocketFlags.None, stop.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // The server closed the connection under our feet (or gave up reading): expected.
        }

        await Waits.Until(() => harness.Server.Counters.SendTimeouts == 1, "the send timeout to close the connection", TimeSpan.FromSeconds(15));
        await Waits.Until(() => harness.Server.Counters.OpenConnections == 0, "the connection to be gone", TimeSpan.FromSeconds(5));
        socket.Dispose();
        using var client = new HttpClient { BaseAddress = harness.BaseAddress };
        Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task OverTheLimitFromOneAddress_Gets503NamingIt_AndTheCountIsKeptPerAddress()
    {
        await using var harness = new ServerHarness(new LoopServerOptions { MaxConnectionsPerSource = 2 });
        using var first = await harness.ConnectAsync();
        using var second = await harness.ConnectAsync();
        await Waits.Until(() => harness.Server.Counters.OpenConnections == 2, "the server to accept the first two connections");
        using var third = await harness.ConnectAsync();

        var refused = await ServerHarness.ReadToEndAsync(third);
        first.Dispose();
        await Waits.Until(() => harness.Server.Counters.OpenConnections == 1, "the first connection to close");
        using var fourth = await harness.ConnectAsync();
        await fourth.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), SocketFlags.None);
        var answered = await ServerHarness.ReadToEndAsync(fourth);

        Assert.StartsWith("HTTP/1.1 503", refused);
        Assert.Contains("more than 2 connections from one address", refused, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", answered);
        Assert.Equal(1, harness.Server.Counters.Refusals(RequestRejectionReason.TooManyConnectionsFromSource));
        var counted = Assert.Single(harness.Server.Counters.RefusalsByReason(harness.Server.Options));
        Assert.Equal(("TooManyConnectionsFromSource", 503, 1L), (counted.Reason, counted.Status, counted.Count));
    }

    /// <summary>Sends one byte per <paramref name="every"/> until the server closes, then returns what it answered.</summary>
    private static async Task<string> DripAsync(Socket socket, byte[] bytes, TimeSpan every, CancellationToken cancellationToken)
    {
        var answer = new StringBuilder();
        var buffer = new byte[1024];
        foreach (var b in bytes)
        {
            if (socket.Available > 0 || socket.Poll(0, SelectMode.SelectRead))
            {
                break;
            }

            try
            {
                await socket.SendAsync(new[] { b }, SocketFlags.None, cancellationToken);
                await Task.Delay(every, cancellationToken);
            }
            catch (SocketException)
            {
                break;
            }
        }

        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            {
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // A reset after the answer still counts as closed.
        }

        return answer.ToString();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}
