using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.LoopServer.Workloads.Pool;

/// <summary>
/// The "other machine" behind a <c>pool</c> step: a tiny TCP server on 127.0.0.1 that runs on the
/// thread pool, never on the loop. For each request line (<c>"&lt;microseconds&gt;\n"</c>) it waits
/// that long and answers <c>"ok\n"</c>. Requests on one connection are answered in order.
/// </summary>
internal sealed class BackendServer : IAsyncDisposable
{
    private const int MaxLineBytes = 32;

    // Requests never ask for more; a bad client cannot park a handler for longer.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    private static readonly byte[] Answer = "ok\n"u8.ToArray();

    private readonly TcpListener _listener;
    private readonly int _maxConnections;
    private readonly TimeSpan _disposeTimeout;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly Task _acceptLoop;

    /// <summary>Starts listening at once; <paramref name="maxConnections"/> bounds the connections served together.</summary>
    public BackendServer(int maxConnections, TimeSpan disposeTimeout)
    {
        _maxConnections = maxConnections;
        _disposeTimeout = disposeTimeout;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: maxConnections);
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        // Task.Run: the server must not capture the caller's context, which on the loop is a task's.
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Connections being served now.</summary>
    public int ConnectionCount => _connections.Count;

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Stop();
        foreach (var socket in _connections.Keys)
        {
            socket.Dispose();
        }

        try
        {
            // Not loop code: nothing here needs to come back to the caller's context.
            await Task.WhenAll([_acceptLoop, .. _connections.Values]).WaitAsync(_disposeTimeout).ConfigureAwait(false);
            _stopping.Dispose();
        }
        catch (TimeoutException)
        {
            // Every socket is closed, so the stragglers end on their own; disposal does not wait for them.
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_connections.Count >= _maxConnections)
            {
                // Over the limit: the client sees the connection close, as from an overloaded server.
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            // Registered before it starts, so a handler that ends at once still removes its own entry.
            var handler = new Task<Task>(() => ServeAsync(socket));
            _connections[socket] = handler.Unwrap();
            handler.Start(TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[MaxLineBytes];
        int filled = 0;
        try
        {
            while (true)
            {
                int read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                int newline;
                while ((newline = buffer.AsSpan(0, filled).IndexOf((byte)'\n')) >= 0)
                {
                    if (!Utf8Parser.TryParse(buffer.AsSpan(0, newline), out long microseconds, out int consumed)
                        || consumed != newline || microseconds < 0)
                    {
                        return;
                    }

                    var delay = TimeSpan.FromMicroseconds(microseconds);
                    await Task.Delay(delay < MaxDelay ? delay : MaxDelay, _stopping.Token);
                    await socket.SendAsync(Answer, SocketFlags.None, _stopping.Token);
                    buffer.AsSpan(newline + 1, filled - newline - 1).CopyTo(buffer);
                    filled -= newline + 1;
                }

                if (filled == buffer.Length)
                {
                    return; // a line longer than any request: not our protocol
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping, or the client went away: either way this connection is done.
        }
        finally
        {
            socket.Dispose();
            _connections.TryRemove(socket, out _);
        }
    }
}
