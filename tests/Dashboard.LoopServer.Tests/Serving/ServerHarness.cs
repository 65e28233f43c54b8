using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Serving;

namespace Dashboard.LoopServer.Tests.Serving;

/// <summary>
/// One loop (or several) plus a loop server on 127.0.0.1:0, keeping every completed-task record
/// of every loop.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, TaskRecord> _records = new();
    private readonly Task[] _readers;

    public ServerHarness(LoopServerOptions? options = null, ILoopRequestHandler? handler = null, Func<EventLoop.EventLoop, IWorkloadRoutes>? routes = null, Action<string, Dashboard.LoopServer.Http.HttpRequest, Exception>? onHandlerFailure = null)
        : this(1, options, loop => handler ?? new LoopRequestRouter(routes?.Invoke(loop)), onHandlerFailure)
    {
    }

    /// <param name="loops">Loops serving together.</param>
    /// <param name="handlerFor">The handler of each loop.</param>
    public ServerHarness(int loops, LoopServerOptions? options, Func<EventLoop.EventLoop, ILoopRequestHandler> handlerFor, Action<string, Dashboard.LoopServer.Http.HttpRequest, Exception>? onHandlerFailure = null)
    {
        var loopOptions = new EventLoopOptions { FigureInterval = TimeSpan.FromMilliseconds(100) };
        Loops = Enumerable.Range(0, loops).Select(i => new EventLoop.EventLoop(loopOptions.ForLoop(i, loops))).ToArray();
        _readers = Loops.Select(loop =>
        {
            loop.Start();
            return Task.Run(async () =>
            {
                await foreach (var record in loop.CompletedTasks.ReadAllAsync())
                {
                    _records[record.Id] = record;
                }
            });
        }).ToArray();
        options ??= new LoopServerOptions();
        options.Host = "127.0.0.1";
        options.Port = 0;
        Server = new LoopHttpServer(Loops.Select(loop => (loop, handlerFor(loop))).ToArray(), options, onHandlerFailure);
        Server.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{Server.EndPoint!.Port}/");
    }

    /// <summary>The first loop (the only one unless several were asked for).</summary>
    public EventLoop.EventLoop Loop => Loops[0];

    public IReadOnlyList<EventLoop.EventLoop> Loops { get; }

    public LoopHttpServer Server { get; }

    public Uri BaseAddress { get; }

    public IEnumerable<TaskRecord> Records => _records.Values;

    public Task<TaskRecord> WaitForRecord(Func<TaskRecord, bool> match) =>
        Waits.Until(() => _records.Values.FirstOrDefault(match), "a matching task record", TimeSpan.FromSeconds(20));

    public async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Server.EndPoint!.Port));
        return socket;
    }

    /// <summary>Reads until the server closes the connection (or 10 s pass) and returns all text.</summary>
    public static async Task<string> ReadToEndAsync(Socket socket)
    {
        var text = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (n == 0)
                {
                    break;
                }

                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        }
        catch (SocketException)
        {
            // A reset after the answer still counts as closed.
        }

        return text.ToString();
    }

    /// <summary>Reads until <paramref name="count"/> complete responses (Content-Length framed) arrived.</summary>
    public static async Task<List<string>> ReadResponsesAsync(Socket socket, int count)
    {
        var responses = new List<string>();
        var pending = "";
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (responses.Count < count)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                break;
            }

            pending += Encoding.ASCII.GetString(buffer, 0, n);
            while (TryCut(ref pending, out var response))
            {
                responses.Add(response);
            }
        }

        return responses;
    }

    private static bool TryCut(ref string pending, out string response)
    {
        response = "";
        var headEnd = pending.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
        {
            return false;
        }

        var head = pending[..headEnd];
        var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var total = headEnd + 4 + length;
        if (pending.Length < total)
        {
            return false;
        }

        response = pending[..total];
        pending = pending[total..];
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(TimeSpan.FromSeconds(5));
        foreach (var loop in Loops)
        {
            await loop.StopAsync(TimeSpan.FromSeconds(5));
        }

        await Task.WhenAll(_readers).Within("the record readers to finish", TimeSpan.FromSeconds(5));
    }
}
