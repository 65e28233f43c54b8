using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Load.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection with one request in flight at a time, as wrk uses them.
/// Requests are pre-encoded (<see cref="RequestTemplate"/>), responses are parsed in a fixed
/// buffer and their bodies skipped, so a request allocates nothing on this side.
/// </summary>
/// <remarks>
/// The timeout is enforced from outside: <see cref="CheckTimeout"/>, called by the run's
/// watchdog a few times per timeout, disposes the socket of an overdue exchange, which fails
/// the pending receive. That costs nothing per request, unlike a timer or a
/// CancellationTokenSource per request. The lock only orders the watchdog against the owner
/// replacing the socket; it is uncontended in practice.
/// </remarks>
internal sealed class HttpConnection : IDisposable
{
    private readonly EndPoint _endPoint;
    private readonly long _timeoutTicks;
    private readonly byte[] _sendBuffer;
    private readonly byte[] _receiveBuffer;
    private readonly HttpResponseParser _parser = new();
    private readonly Lock _gate = new();

    private Socket? _socket;
    private long _deadline;
    private bool _timedOut;
    private bool _aborted;
    private int _bufferedStart;
    private int _bufferedEnd;

    public HttpConnection(EndPoint endPoint, TimeSpan timeout, int sendBufferBytes, int receiveBufferBytes)
    {
        _endPoint = endPoint;
        _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _sendBuffer = new byte[sendBufferBytes];
        _receiveBuffer = new byte[receiveBufferBytes];
    }

    public bool IsConnected => _socket is not null;

    /// <summary>Opens the connection ahead of the first request; failures are left for that request to report.</summary>
    public async Task WarmUpAsync()
    {
        Arm();
        try
        {
            await ConnectAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            Close();
        }
        finally
        {
            Disarm();
        }
    }

    /// <summary>Sends one request and reads its whole response.</summary>
    public async ValueTask<ExchangeResult> ExchangeAsync(RequestTemplate template, long sequence)
    {
        int length = template.WriteTo(_sendBuffer, sequence);
        bool reused = _socket is not null;
        ExchangeResult result = await ExchangeOnceAsync(template.IsHead, length).ConfigureAwait(false);

        // A kept-alive connection the server closed while idle fails on first use without a byte
        // of answer; that is the connection's age, not the server's verdict on this request.
        if (reused && result.Error == ErrorKind.Reset && result.BytesReceived == 0)
        {
            result = await ExchangeOnceAsync(template.IsHead, length).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Called by the watchdog: aborts an exchange that has run past its timeout.</summary>
    public void CheckTimeout(long now)
    {
        lock (_gate)
        {
            if (_deadline != 0 && now >= _deadline)
            {
                _timedOut = true;
                _deadline = 0;
                _socket?.Dispose();
            }
        }
    }

    /// <summary>Cuts off whatever is in flight (run cancelled); later exchanges fail as aborted.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            _aborted = true;
            _socket?.Dispose();
        }
    }

    public void Dispose() => Abort();

    private async ValueTask<ExchangeResult> ExchangeOnceAsync(bool head, int length)
    {
        long sendTimestamp = 0;
        long received = 0;
        Arm();
        try
        {
            Socket socket = _socket ?? await ConnectAsync().ConfigureAwait(false);
            sendTimestamp = Stopwatch.GetTimestamp();
            await socket.SendAsync(_sendBuffer.AsMemory(0, length), SocketFlags.None).ConfigureAwait(false);
            _parser.Reset(head);
            while (true)
            {
                ResponseParseStatus status = _parser.Parse(
                    _receiveBuffer.AsSpan(_bufferedStart, _bufferedEnd - _bufferedStart), out int consumed);
                _bufferedStart += consumed;
                if (status == ResponseParseStatus.Complete)
                {
                    break;
                }

                if (status == ResponseParseStatus.Invalid)
                {
                    return Fail(ErrorKind.Other, sendTimestamp, length, received);
                }

                if (!MakeRoom())
                {
                    return Fail(ErrorKind.Other, sendTimestamp, length, received);
                }

                int read = await socket.ReceiveAsync(_receiveBuffer.AsMemory(_bufferedEnd), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    if (_parser.CompleteAtEndOfStream() == ResponseParseStatus.Complete)
                    {
                        break;
                    }

                    return Fail(ErrorKind.Reset, sendTimestamp, length, received);
                }

                _bufferedEnd += read;
                received += read;
            }

            long end = Stopwatch.GetTimestamp();
            if (Disarm())
            {
                Close();
                return new ExchangeResult(0, ErrorKind.Timeout, sendTimestamp, end, length, received);
            }

            if (!_parser.KeepAlive)
            {
                Close();
            }

            return new ExchangeResult(_parser.StatusCode, ErrorKind.None, sendTimestamp, end, length, received);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            return Fail(Classify(ex), sendTimestamp, length, received);
        }
    }

    private async ValueTask<Socket> ConnectAsync()
    {
        var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        lock (_gate)
        {
            if (_aborted)
            {
                socket.Dispose();
                throw new ObjectDisposedException(nameof(HttpConnection));
            }

            _socket = socket;
        }

        await socket.ConnectAsync(_endPoint).ConfigureAwait(false);
        return socket;
    }

    /// <summary>Keeps unparsed bytes at the front of the buffer; false when a single head line
    /// does not fit at all.</summary>
    private bool MakeRoom()
    {
        if (_bufferedStart == _bufferedEnd)
        {
            _bufferedStart = _bufferedEnd = 0;
            return true;
        }

        if (_bufferedEnd < _receiveBuffer.Length)
        {
            return true;
        }

        if (_bufferedStart == 0)
        {
            return false;
        }

        int pending = _bufferedEnd - _bufferedStart;
        _receiveBuffer.AsSpan(_bufferedStart, pending).CopyTo(_receiveBuffer);
        _bufferedStart = 0;
        _bufferedEnd = pending;
        return true;
    }

    private ExchangeResult Fail(ErrorKind kind, long sendTimestamp, int length, long received)
    {
        bool timedOut = Disarm();
        Close();
        if (timedOut)
        {
            kind = ErrorKind.Timeout;
        }
        else if (_aborted)
        {
            kind = ErrorKind.Aborted;
        }

        return new ExchangeResult(0, kind, sendTimestamp, Stopwatch.GetTimestamp(), sendTimestamp == 0 ? 0 : length, received);
    }

    private ErrorKind Classify(Exception ex) => ex switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => ErrorKind.Refused,
        SocketException { SocketErrorCode: SocketError.TimedOut } => ErrorKind.Timeout,
        SocketException
        {
            SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown
                or SocketError.NotConnected or SocketError.Disconnecting,
        } => ErrorKind.Reset,
        IOException => ErrorKind.Reset,
        _ => ErrorKind.Other,
    };

    private void Arm()
    {
        lock (_gate)
        {
            _timedOut = false;
            _deadline = Stopwatch.GetTimestamp() + _timeoutTicks;
        }
    }

    /// <summary>Ends the timeout watch; true when the watchdog fired first.</summary>
    private bool Disarm()
    {
        lock (_gate)
        {
            _deadline = 0;
            bool timedOut = _timedOut;
            _timedOut = false;
            return timedOut;
        }
    }

    private void Close()
    {
        lock (_gate)
        {
            _socket?.Dispose();
            _socket = null;
        }

        _bufferedStart = _bufferedEnd = 0;
    }
}
