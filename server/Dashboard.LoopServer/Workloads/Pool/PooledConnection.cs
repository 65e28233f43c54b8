using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using Dashboard.EventLoop;

namespace Dashboard.LoopServer.Workloads.Pool;

/// <summary>
/// One pooled connection to the backend. A request writes its line and awaits a completion source;
/// the connection's reader, a loop task spawned by whichever request opened the connection,
/// completes it when the answer line arrives. So the reader's I/O is attributed to the opener's
/// child task, even while it serves other requests (the picture of pooled asyncio clients).
/// One request at a time: the pool hands a connection to one request until it is released.
/// </summary>
internal sealed class PooledConnection
{
    private const int MaxAnswerBytes = 64;

    private readonly Socket _socket;
    private readonly Action<PooledConnection> _onClosed;
    private readonly byte[] _requestLine = new byte[24];
    private TaskCompletionSource? _pending;
    private int _closed;
    private string _closeReason = "";

    private PooledConnection(long number, Socket socket, Action<PooledConnection> onClosed)
    {
        Number = number;
        _socket = socket;
        _onClosed = onClosed;
    }

    /// <summary>Numbers the pool's connections, for the reader task's name.</summary>
    public long Number { get; }

    /// <summary>The reader task (a child of the opener).</summary>
    public LoopTask Reader { get; private set; } = null!;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>
    /// Connects and spawns the reader as a child of the current task. Call on the loop, inside a task.
    /// </summary>
    public static async Task<PooledConnection> OpenAsync(
        EventLoop.EventLoop loop, IPEndPoint endPoint, long number, string readerKind, TimeSpan connectTimeout,
        Action<PooledConnection> onClosed, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(connectTimeout);
            try
            {
                await socket.ConnectAsync(endPoint, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new BackendPoolException($"connecting to the pool's backend took longer than {connectTimeout.TotalSeconds:0.###} s");
            }
            catch (SocketException e)
            {
                throw new BackendPoolException($"cannot connect to the pool's backend: {e.Message}", e);
            }

            var connection = new PooledConnection(number, socket, onClosed);
            connection.Reader = loop.Spawn($"pool-reader[{number}]", readerKind, connection.ReadLoopAsync);
            return connection;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one request and awaits its answer (asleep meanwhile).</summary>
    public async Task RequestAsync(TimeSpan backendDelay, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _pending, answer, null) is not null)
        {
            throw new InvalidOperationException("A pooled connection was handed to two requests at once.");
        }

        try
        {
            // The connection may have closed between the pool handing it out and now.
            if (IsClosed)
            {
                throw Closed();
            }

            Utf8Formatter.TryFormat((long)backendDelay.TotalMicroseconds, _requestLine, out int length);
            _requestLine[length++] = (byte)'\n';
            await _socket.SendAsync(_requestLine.AsMemory(0, length), SocketFlags.None, cancellationToken);
            await answer.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or SocketException or ObjectDisposedException)
        {
            // The answer may still arrive later; a connection in that state must not serve anyone else.
            Close(e is OperationCanceledException ? "a request was cancelled while it waited for its answer" : "a request failed on it");
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw e is TimeoutException
                ? new BackendPoolException($"the pool's backend did not answer within {timeout.TotalSeconds:0.###} s")
                : Closed(e);
        }
        finally
        {
            Interlocked.CompareExchange(ref _pending, null, answer);
        }
    }

    /// <summary>Closes the socket; a request still waiting fails. Thread-safe, idempotent.</summary>
    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        Volatile.Write(ref _closeReason, reason);
        _socket.Dispose();
        Interlocked.Exchange(ref _pending, null)?.TrySetException(Closed());
        _onClosed(this);
    }

    /// <summary>The reader task's body: completes each pending request when its answer line arrives.</summary>
    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxAnswerBytes];
        int filled = 0;
        string reason;
        try
        {
            while (true)
            {
                int read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    reason = "the backend closed the connection";
                    break;
                }

                filled += read;
                int newline;
                while ((newline = buffer.AsSpan(0, filled).IndexOf((byte)'\n')) >= 0)
                {
                    if (Interlocked.Exchange(ref _pending, null) is not { } pending)
                    {
                        Close("the backend answered a request nobody sent");
                        return;
                    }

                    pending.TrySetResult();
                    buffer.AsSpan(newline + 1, filled - newline - 1).CopyTo(buffer);
                    filled -= newline + 1;
                }

                if (filled == buffer.Length)
                {
                    reason = "the backend sent an answer longer than any valid one";
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The opener's task tree was cancelled (or the loop is stopping): the reader goes with it,
            // and so does the connection, whoever is using it now.
            reason = "its reader task was cancelled";
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            reason = IsClosed ? _closeReason : $"the connection failed: {e.Message}";
        }

        Close(reason);
    }

    private BackendPoolException Closed(Exception? inner = null) =>
        new($"the pooled connection {Number} closed ({(IsClosed ? _closeReason : "unknown reason")})", inner);
}
