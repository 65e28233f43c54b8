using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.LoopServer.Tests.Serving;

/// <summary>
/// One keep-alive client connection that carries one request at a time: a send is refused while
/// the previous answer is still out, so a paced sender can pick only idle connections and every
/// request it sends reaches a server connection that is asleep in its receive.
/// </summary>
internal sealed class KeepAliveConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Task _reader;
    private readonly CancellationTokenSource _stop = new();
    private int _busy;
    private int _answered;
    private int _failed;

    private KeepAliveConnection(Socket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAnswersAsync);
    }

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Answers that were not 200, or a connection the server closed.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public bool IsIdle => Volatile.Read(ref _busy) == 0;

    public static async Task<KeepAliveConnection> OpenAsync(ServerHarness harness) => new(await harness.ConnectAsync());

    /// <summary>Sends when idle; returns the Stopwatch timestamp taken just before the write, or null when busy.</summary>
    public long? TrySend(byte[] request)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return null;
        }

        var sentAt = Stopwatch.GetTimestamp();
        _socket.Send(request);
        return sentAt;
    }

    /// <summary>Waits (bounded) until the answer to the last request arrived.</summary>
    public async Task<bool> WaitIdleAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!IsIdle && clock.Elapsed < limit)
        {
            await Task.Delay(5);
        }

        return IsIdle;
    }

    private async Task ReadAnswersAsync()
    {
        var pending = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    Interlocked.Increment(ref _failed);
                    return;
                }

                pending.Append(Encoding.ASCII.GetString(buffer, 0, n));
                while (TryCutAnswer(pending, out var ok))
                {
                    if (!ok)
                    {
                        Interlocked.Increment(ref _failed);
                    }

                    Interlocked.Increment(ref _answered);
                    Volatile.Write(ref _busy, 0);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Disposed.
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    /// <summary>Cuts one Content-Length framed answer off the front; <paramref name="ok"/> says whether it was a 200.</summary>
    private static bool TryCutAnswer(StringBuilder pending, out bool ok)
    {
        ok = false;
        var text = pending.ToString();
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
        {
            return false;
        }

        var head = text[..headEnd];
        var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var total = headEnd + 4 + length;
        if (text.Length < total)
        {
            return false;
        }

        ok = head.StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        pending.Remove(0, total);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _reader.Within("the record reader to finish", TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
