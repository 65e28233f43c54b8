using System.Net;
using System.Net.Sockets;
using System.Text;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Http;
using Dashboard.LoopServer.Serving;

namespace Dashboard.LoopServer.Tests.Serving;

public sealed class LoopHttpServerTests
{
    [Fact]
    public async Task HttpClient_GetsHelloWorldOverOneKeepAliveConnection()
    {
        await using var harness = new ServerHarness();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        using var client = new HttpClient(handler) { BaseAddress = harness.BaseAddress };

        for (var i = 0; i < 20; i++)
        {
            var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Hello, World!", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, harness.Server.Counters.ConnectionsAccepted);
        Assert.Equal(20, harness.Server.Counters.Requests);
    }

    [Fact]
    public async Task HealthAndUnknownRoutes_AnswerJsonAnd404()
    {
        await using var harness = new ServerHarness();
        using var client = new HttpClient { BaseAddress = harness.BaseAddress };

        Assert.Contains("healthy", await client.GetStringAsync("/health"));
        var missing = await client.GetAsync("/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("/nowhere", await missing.Content.ReadAsStringAsync());
        var post = await client.PostAsync("/", new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task PipelinedRequests_AreAnsweredInOrder()
    {
        await using var harness = new ServerHarness();
        using var socket = await harness.ConnectAsync();
        var requests = "GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /missing HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(requests), SocketFlags.None);

        var responses = await ServerHarness.ReadResponsesAsync(socket, 3);

        Assert.Equal(3, responses.Count);
        Assert.StartsWith("HTTP/1.1 200", responses[0]);
        Assert.Contains("healthy", responses[0]);
        Assert.StartsWith("HTTP/1.1 404", responses[1]);
        Assert.StartsWith("HTTP/1.1 200", responses[2]);
        Assert.EndsWith("Hello, World!", responses[2]);
    }

    [Fact]
    public async Task ConnectionClose_AndHttp10_CloseAfterTheAnswer()
    {
        await using var harness = new ServerHarness();
        foreach (var request in new[] { "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "GET / HTTP/1.0\r\n\r\n" })
        {
            using var socket = await harness.ConnectAsync();
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None);
            var all = await ServerHarness.ReadToEndAsync(socket);
            Assert.StartsWith("HTTP/1.1 200", all);
            Assert.Contains("Connection: close", all);
            Assert.EndsWith("Hello, World!", all);
        }
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 501)]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n", 413)]
    public async Task MalformedRequest_GetsItsStatusAndTheServerKeepsServing(string request, int status)
    {
        await using var harness = new ServerHarness();
        using (var socket = await harness.ConnectAsync())
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None);
            var all = await ServerHarness.ReadToEndAsync(socket);
            Assert.StartsWith($"HTTP/1.1 {status}", all);
        }

        using var client = new HttpClient { BaseAddress = harness.BaseAddress };
        Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
        Assert.True(harness.Server.Counters.RejectedRequests >= 1);
    }

    [Fact]
    public async Task SlowClient_IsCutOffByTheHeaderTimeoutWith408()
    {
        await using var harness = new ServerHarness(new LoopServerOptions { HeaderReadTimeout = TimeSpan.FromMilliseconds(300) });
        using var socket = await harness.ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHo"), SocketFlags.None);

        var all = await ServerHarness.ReadToEndAsync(socket);

        Assert.StartsWith("HTTP/1.1 408", all);
        Assert.Equal(1, harness.Server.Counters.Timeouts);
    }

    [Fact]
    public async Task IdleKeepAliveConnection_IsClosedSilently()
    {
        await using var harness = new ServerHarness(new LoopServerOptions { KeepAliveIdleTimeout = TimeSpan.FromMilliseconds(300) });
        using var socket = await harness.ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), SocketFlags.None);

        var all = await ServerHarness.ReadToEndAsync(socket);

        Assert.StartsWith("HTTP/1.1 200", all);
        Assert.DoesNotContain("408", all);
        Assert.Equal(1, harness.Server.Counters.Timeouts);
    }

    [Fact]
    public async Task OverMaxConnections_NewConnectionsGet503()
    {
        await using var harness = new ServerHarness(new LoopServerOptions { MaxConnections = 2 });
        using var first = await harness.ConnectAsync();
        using var second = await harness.ConnectAsync();
        await Waits.Until(() => harness.Server.Counters.OpenConnections == 2, "the server to accept the first two connections");
        using var third = await harness.ConnectAsync();

        var all = await ServerHarness.ReadToEndAsync(third);

        Assert.StartsWith("HTTP/1.1 503", all);
        Assert.Equal(1, harness.Server.Counters.ConnectionsRejected);
    }

    [Fact]
    public async Task ThousandConnectionsOpenedAndClosed_LeaveNoLiveTasksBehind()
    {
        await using var harness = new ServerHarness();
        var request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        for (var i = 0; i < 1_000; i++)
        {
            using var socket = await harness.ConnectAsync();
            if (i % 2 == 0)
            {
                await socket.SendAsync(request, SocketFlags.None);
                var responses = await ServerHarness.ReadResponsesAsync(socket, 1);
                Assert.Single(responses);
            }

            socket.Close(); // half the clients leave without a word
        }

        // A client may close before the accept task got to it: wait until all were accepted, then closed.
        await Waits.Until(
            () => harness.Server.Counters.ConnectionsAccepted >= 1_000 && harness.Server.Counters.OpenConnections == 0 && harness.Loop.LiveTaskCount <= 1,
            "every connection accepted and closed, and only the accept task alive",
            TimeSpan.FromSeconds(20));

        Assert.Equal(1_000, harness.Server.Counters.ConnectionsAccepted);
        Assert.Equal(0, harness.Server.Counters.OpenConnections);
        var live = await harness.Loop.GetLiveTasksAsync();
        var accept = Assert.Single(live); // only the accept task remains
        Assert.Equal("server/accept", accept.Kind);
    }

    [Fact]
    public async Task RequestTask_IsAChildOfItsConnectionAndKeepsTheCorrelationId()
    {
        await using var harness = new ServerHarness();
        using var client = new HttpClient { BaseAddress = harness.BaseAddress };
        using var message = new HttpRequestMessage(HttpMethod.Get, "/health");
        message.Headers.Add("X-Correlation-Id", "run1-000042");
        (await client.SendAsync(message)).EnsureSuccessStatusCode();

        var request = await harness.WaitForRecord(r => r.Tag == "run1-000042");
        Assert.Equal("GET /health", request.Name);
        Assert.Equal("GET /health", request.Kind);
        var connection = (await harness.Loop.GetLiveTasksAsync()).Single(t => t.Id == request.ParentId);
        Assert.Equal("server/connection", connection.Kind);
        var accept = (await harness.Loop.GetLiveTasksAsync()).Single(t => t.Id == connection.ParentId);
        Assert.Equal("server/accept", accept.Kind);
    }

    [Fact]
    public async Task ThrowingHandler_Answers500WithAnIdNotTheException_AndTheRequestTaskIsFaulted()
    {
        var logged = new List<(string Id, string Target, Exception Error)>();
        await using var harness = new ServerHarness(handler: new ThrowingHandler(), onHandlerFailure: (id, request, error) => logged.Add((id, request.RawTarget, error)));
        using var client = new HttpClient { BaseAddress = harness.BaseAddress };

        var response = await client.GetAsync("/anything");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var failure = Assert.Single(logged);
        Assert.Contains($"internal error {failure.Id}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("handler broke", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.Equal("/anything", failure.Target);
        Assert.Equal("handler broke", failure.Error.Message);
        var record = await harness.WaitForRecord(r => r.Kind == "throwing");
        Assert.Equal(TaskOutcome.Faulted, record.Outcome);
        Assert.Contains("handler broke", record.Error);
        Assert.Equal("Hello again", await client.GetStringAsync("/again"));
    }

    private sealed class ThrowingHandler : ILoopRequestHandler
    {
        public string KindOf(HttpRequest request) => request.Path == "/again" ? "fine" : "throwing";

        public async Task<LoopResponse> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (request.Path == "/again")
            {
                return LoopResponse.FromText(200, "Hello again");
            }

            throw new InvalidOperationException("handler broke");
        }
    }
}
