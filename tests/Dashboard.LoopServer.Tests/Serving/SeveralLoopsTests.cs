using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Http;
using Dashboard.LoopServer.Serving;

namespace Dashboard.LoopServer.Tests.Serving;

/// <summary>
/// The server on two loops: connections spread over them, every task carries its loop, the
/// connection limits count across loops, and a blocker's victims are its own loop's tasks only.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class SeveralLoopsTests
{
    private static readonly byte[] Hello = Get("/");

    [Fact]
    public async Task Connections_GoToTheLoopWithFewest_AndEveryTaskCarriesItsLoop()
    {
        await using var harness = new ServerHarness(2, null, loop => new ProbeHandler(loop));
        var sockets = new List<Socket>();
        var servedBy = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var socket = await harness.ConnectAsync();
            sockets.Add(socket);
            socket.Send(Hello);
            servedBy.Add(BodyOf((await ServerHarness.ReadResponsesAsync(socket, 1)).Single()));
        }

        Assert.Equal(["0", "1", "0", "1"], servedBy);
        Assert.Equal([2, 2], harness.Server.OpenConnectionsByLoop);
        Assert.Equal([2L, 2L], harness.Server.RequestsByLoop);

        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        await Waits.Until(() => harness.Records.Count(r => r.Kind == "server/connection") == 4, "the four connection records");
        var records = harness.Records.ToList();
        Assert.All(records, r => Assert.Equal(EventLoop.EventLoop.IndexOfTask(r.Id, 2), r.LoopIndex));
        Assert.Equal(2, records.Count(r => r.Kind == "/@0" && r.LoopIndex == 0));
        Assert.Equal(2, records.Count(r => r.Kind == "/@1" && r.LoopIndex == 1));

        // Each loop's tree reads accept → connection → request: a connection's parent is its own loop's accept task.
        var liveAccepts = (await harness.Loops[0].GetLiveTasksAsync()).Concat(await harness.Loops[1].GetLiveTasksAsync())
            .Where(t => t.Kind == "server/accept").ToList();
        Assert.Equal([0, 1], liveAccepts.Select(t => t.LoopIndex).Order());
        foreach (var connection in records.Where(r => r.Kind == "server/connection"))
        {
            Assert.Equal(connection.LoopIndex, liveAccepts.Single(a => a.Id == connection.ParentId).LoopIndex);
        }

        Assert.Equal(0, harness.Server.Counters.OpenConnections);
        Assert.Equal([0, 0], harness.Server.OpenConnectionsByLoop);
    }

    [Fact]
    public async Task Blocker_OnLoopOne_DelaysOnlyLoopOnesTasks()
    {
        await using var harness = new ServerHarness(2, null, loop => new ProbeHandler(loop));
        var sockets = new List<Socket>();
        for (var i = 0; i < 4; i++)
        {
            var socket = await harness.ConnectAsync();
            sockets.Add(socket);
            socket.Send(Get("/nap")); // compiles the sleeping path, so no first-time JIT holds a loop later
            await ServerHarness.ReadResponsesAsync(socket, 1);
        }

        SlowSteps(harness.Loops[0]);
        SlowSteps(harness.Loops[1]);

        // Connections 0 and 2 are on loop 0, 1 and 3 on loop 1. Both loops tick; loop 1 then blocks.
        sockets[0].Send(Get("/tick"));
        sockets[1].Send(Get("/tick"));
        await Task.Delay(60);
        sockets[3].Send(Get("/block"));
        foreach (var socket in new[] { sockets[0], sockets[1], sockets[3] })
        {
            Assert.Equal("200", StatusOf((await ServerHarness.ReadResponsesAsync(socket, 1)).Single()));
        }

        var tick0 = await harness.WaitForRecord(r => r.Kind == "/tick@0");
        var tick1 = await harness.WaitForRecord(r => r.Kind == "/tick@1");
        var blocker = await Waits.Until(() => SlowSteps(harness.Loops[1]).FirstOrDefault(s => s.Kind == "/block@1"), "loop 1's blocker in its interval figures", TimeSpan.FromSeconds(10));

        Assert.Equal(1, blocker.LoopIndex);
        Assert.Contains(blocker.Victims.Kinds, k => k.Kind == "/tick@1");
        Assert.DoesNotContain(blocker.Victims.Kinds, k => k.Kind.EndsWith("@0", StringComparison.Ordinal));
        Assert.Empty(SlowSteps(harness.Loops[0]).Select(s => $"{s.Kind} {s.TaskName} {s.DurationMs}"));

        // Loop 1's ticking request was held up by the block; loop 0's went on (generous bounds: two cores, two loops, the test).
        Assert.True(tick1.Waiting >= TimeSpan.FromMilliseconds(150), $"loop 1's tick waited {tick1.Waiting.TotalMilliseconds:F0} ms");
        Assert.True(tick0.Waiting < TimeSpan.FromMilliseconds(120), $"loop 0's tick waited {tick0.Waiting.TotalMilliseconds:F0} ms");
        Assert.All(harness.Records, r => Assert.Equal(r.LifetimeTicks, r.AwakeTicks + r.WaitingTicks + r.AsleepTicks));

        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task ConnectionsPerSource_CountAcrossLoops_AndAClosedOneOnAnotherLoopFreesItsPlace()
    {
        await using var harness = new ServerHarness(2, new LoopServerOptions { MaxConnectionsPerSource = 3 }, loop => new ProbeHandler(loop));
        var sockets = new List<Socket>();
        for (var i = 0; i < 3; i++)
        {
            var socket = await harness.ConnectAsync();
            sockets.Add(socket);
            socket.Send(Hello);
            await ServerHarness.ReadResponsesAsync(socket, 1);
        }

        using (var refused = await harness.ConnectAsync())
        {
            Assert.Contains("503", await ServerHarness.ReadToEndAsync(refused), StringComparison.Ordinal);
        }

        sockets[1].Dispose(); // on loop 1
        await Waits.Until(() => harness.Server.OpenConnectionsByLoop[1] == 0, "loop 1 to close its connection");
        using var admitted = await harness.ConnectAsync();
        admitted.Send(Hello);
        Assert.Equal("1", BodyOf((await ServerHarness.ReadResponsesAsync(admitted, 1)).Single()));
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    private static IEnumerable<SlowStep> SlowSteps(EventLoop.EventLoop loop)
    {
        var steps = new List<SlowStep>();
        while (loop.Intervals.TryRead(out var figures))
        {
            steps.AddRange(figures.SlowSteps);
        }

        return steps;
    }

    private static byte[] Get(string path) => Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: test\r\n\r\n");

    private static string BodyOf(string response) => response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

    private static string StatusOf(string response) => response.Split(' ')[1];

    /// <summary>Answers with its loop's number; <c>/tick</c> sleeps 100 × 5 ms on loop timers (<c>/nap</c> once), <c>/block</c> holds the loop 300 ms.</summary>
    private sealed class ProbeHandler(EventLoop.EventLoop loop) : ILoopRequestHandler
    {
        public string KindOf(HttpRequest request) => $"{request.Path}@{loop.Index}";

        public async Task<LoopResponse> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            if (request.Path is "/tick" or "/nap")
            {
                for (var i = request.Path == "/tick" ? 0 : 99; i < 100; i++)
                {
                    await loop.Sleep(TimeSpan.FromMilliseconds(5), cancellationToken);
                }
            }
            else if (request.Path == "/block")
            {
                var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 3 / 10);
                while (Stopwatch.GetTimestamp() < until)
                {
                }
            }

            return LoopResponse.FromText(200, loop.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
