using System.Buffers;
using System.Net.Sockets;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Serving;

/// <summary>
/// One client connection, run as one loop task (child of the accept task). It reads into a
/// buffer, lets the pure parser cut requests out of it, runs each request as a child task,
/// and writes the answers in order. Every await comes back to the loop through the task's
/// context, so reading, parsing and writing are all accounted to this connection.
/// </summary>
internal sealed class LoopConnection
{
    private readonly Socket _socket;
    private readonly LoopServerShard _shard;
    private readonly LoopServerOptions _options;
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    // Cancel the pending receive or send: a timeout, or the server stopping. Apart, so a 408 can
    // still be sent after a receive timed out.
    private readonly CancellationTokenSource _receiveAbort = new();
    private readonly CancellationTokenSource _sendAbort = new();
    private byte[] _buffer;
    private int _start;
    private int _end;
    private TimeoutKind _timedOut;

    // What the last parse said of the unconsumed bytes: -1 while the head is incomplete, else the body bytes here.
    private long _bodyReceived = -1;

    public LoopConnection(Socket socket, LoopServerShard shard)
    {
        _socket = socket;
        _shard = shard;
        _options = shard.Options;
        _buffer = ArrayPool<byte>.Shared.Rent(_options.ReceiveBufferBytes);
        Remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
        Source = (socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address;
    }

    public string Remote { get; }

    /// <summary>The client's address, for the per-source connection limit.</summary>
    public System.Net.IPAddress? Source { get; }

    /// <summary>What the connection waits for; the server's heartbeat compares it with the timeouts.</summary>
    public ConnectionPhase Phase { get; private set; } = ConnectionPhase.Idle;

    /// <summary>Loop timestamp when <see cref="Phase"/> began.</summary>
    public long PhaseSince { get; private set; } = LoopClock.Now;

    /// <summary>Body bytes of the current request received so far (<see cref="ConnectionPhase.ReadingBody"/>).</summary>
    public long BodyReceived { get; private set; }

    /// <summary>Called by the heartbeat on the loop thread: cancels the pending receive or send.</summary>
    public void TimeOut(TimeoutKind kind)
    {
        if (_timedOut != TimeoutKind.None)
        {
            return;
        }

        _timedOut = kind;
        (kind == TimeoutKind.Send ? _sendAbort : _receiveAbort).Cancel();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stopping = cancellationToken.UnsafeRegister(static s =>
        {
            var connection = (LoopConnection)s!;
            connection._receiveAbort.Cancel();
            connection._sendAbort.Cancel();
        }, this);
        try
        {
            while (await ServeBufferedRequestsAsync() && await ReceiveAsync())
            {
            }
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Serves every complete request in the buffer, in order; false when the connection must close.</summary>
    private async Task<bool> ServeBufferedRequestsAsync()
    {
        var keepOpen = true;
        var served = 0;
        while (_end > _start && keepOpen)
        {
            var result = Http1Parser.TryParse(_buffer.AsSpan(_start, _end - _start), _options, out var request, out var consumed, out var rejection, out var bodyReceived);
            if (result == ParseResult.NeedMoreData)
            {
                _bodyReceived = bodyReceived;
                break;
            }

            if (result == ParseResult.Rejected)
            {
                _shard.Counters.Refused(rejection);
                HttpResponseWriter.WriteRejection(_output, rejection, _options);
                keepOpen = false;
                break;
            }

            _start += consumed;
            Phase = ConnectionPhase.Serving;
            var response = await _shard.ServeAsync(request!);
            keepOpen = request!.KeepAlive && !response.CloseConnection;
            HttpResponseWriter.Write(_output, request, response.Status, response.ContentType, response.Body.Span, closeConnection: !keepOpen);

            // Pipelined answers go out together, but a long pipeline is flushed as it goes.
            if (++served >= _options.MaxPipelinedRequests || _output.WrittenCount >= 64 * 1024)
            {
                if (!await FlushAsync())
                {
                    return false;
                }

                served = 0;
            }
        }

        return await FlushAsync() && keepOpen;
    }

    private async Task<bool> FlushAsync()
    {
        if (_output.WrittenCount == 0)
        {
            return true;
        }

        var previous = Phase;
        Phase = ConnectionPhase.Sending;
        PhaseSince = LoopClock.Now;
        try
        {
            await _socket.SendAsync(_output.WrittenMemory, SocketFlags.None, _sendAbort.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            if (_timedOut == TimeoutKind.Send)
            {
                _shard.Counters.SendTimedOut();
            }

            return false; // a client that does not read its answers, or the server stopping
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false; // the client went away; nothing to answer
        }
        finally
        {
            _output.ResetWrittenCount();
            Phase = previous;
        }
    }

    /// <summary>Reads more bytes; false on end of stream, error or timeout (answering 408 when a request was cut).</summary>
    private async Task<bool> ReceiveAsync()
    {
        MakeRoom();
        StartWaiting();
        int received;
        try
        {
            received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, _receiveAbort.Token);
        }
        catch (OperationCanceledException)
        {
            if (_timedOut is TimeoutKind.RequestHeaders or TimeoutKind.RequestBody)
            {
                var reason = _timedOut == TimeoutKind.RequestHeaders ? RequestRejectionReason.RequestHeadersTimeout : RequestRejectionReason.RequestBodyTooSlow;
                _shard.Counters.Refused(reason);
                HttpResponseWriter.WriteRejection(_output, reason, _options);
                await FlushAsync();
            }
            else if (_timedOut == TimeoutKind.KeepAliveIdle)
            {
                _shard.Counters.ClosedIdle();
            }

            return false;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }

        if (received == 0)
        {
            return false;
        }

        if (Phase == ConnectionPhase.Idle)
        {
            // The first byte of a new request starts its head's deadline; later bytes do not restart it.
            Phase = ConnectionPhase.ReadingHead;
            PhaseSince = LoopClock.Now;
        }

        if (Phase == ConnectionPhase.ReadingBody)
        {
            BodyReceived += received;
        }

        _end += received;
        return true;
    }

    /// <summary>
    /// What the next receive waits for, for the heartbeat: nothing yet (idle), the rest of a head
    /// (its deadline runs from its first byte), or a body (timed by its data rate from the head's end).
    /// </summary>
    private void StartWaiting()
    {
        if (_end == _start)
        {
            Phase = ConnectionPhase.Idle;
            PhaseSince = LoopClock.Now;
            return;
        }

        if (Phase != ConnectionPhase.ReadingBody && _bodyReceived >= 0)
        {
            Phase = ConnectionPhase.ReadingBody;
            PhaseSince = LoopClock.Now;
            BodyReceived = _bodyReceived;
            return;
        }

        if (Phase is not (ConnectionPhase.ReadingHead or ConnectionPhase.ReadingBody))
        {
            // Bytes of a next request were read along with the last one: its deadline starts now.
            Phase = ConnectionPhase.ReadingHead;
            PhaseSince = LoopClock.Now;
        }
    }

    /// <summary>Moves unconsumed bytes to the front and grows the buffer up to the largest legal request.</summary>
    private void MakeRoom()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end < _buffer.Length)
        {
            return;
        }

        // The parser decides every request within MaxRequestBytes, so the buffer never needs more.
        var target = (int)Math.Min(Math.Max(_buffer.Length * 2L, _options.ReceiveBufferBytes), _options.MaxRequestBytes + _options.ReceiveBufferBytes);
        var bigger = ArrayPool<byte>.Shared.Rent(target);
        Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private void Close()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
        _receiveAbort.Dispose();
        _sendAbort.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _shard.Forget(this);
    }
}

/// <summary>What a connection is waiting for; the heartbeat applies the matching limit.</summary>
internal enum ConnectionPhase
{
    /// <summary>Between requests: the keep-alive idle timeout applies.</summary>
    Idle,

    /// <summary>Part of a request head has arrived: the head's deadline applies (408).</summary>
    ReadingHead,

    /// <summary>The head is whole, its body is arriving: the minimum body data rate applies (408).</summary>
    ReadingBody,

    /// <summary>A handler runs; no read timeout applies.</summary>
    Serving,

    /// <summary>Answers are being sent: the send timeout applies (closed without a word).</summary>
    Sending,
}

internal enum TimeoutKind
{
    None,
    RequestHeaders,
    RequestBody,
    KeepAliveIdle,
    Send,
}
