using System.Buffers.Text;

namespace Dashboard.Load.Http;

internal enum ResponseParseStatus
{
    /// <summary>The response is not complete; keep the unconsumed bytes and read more.</summary>
    NeedMoreData,

    /// <summary>The response is complete; bytes after <c>consumed</c> belong to the next one.</summary>
    Complete,

    /// <summary>The bytes are not an HTTP/1.x response this client understands; see <see cref="HttpResponseParser.Error"/>.</summary>
    Invalid,
}

/// <summary>
/// An incremental HTTP/1.x response parser over spans: feed it whatever bytes arrived; it consumes
/// whole lines of the head and any amount of body, which it skips and counts (the engine measures
/// the server, it does not keep bodies). Handles Content-Length, chunked transfer coding (with
/// trailers), bodies delimited by the end of the connection, bodiless answers (HEAD, 1xx, 204,
/// 304) and interim 1xx responses. Pure: no I/O, so every prefix and every split can be tested.
/// </summary>
internal sealed class HttpResponseParser
{
    private const int MaxHeaderCount = 200;

    private State _state;
    private bool _headRequest;
    private long _remaining;
    private long _contentLength;
    private bool _chunked;
    private int _headerCount;

    private enum State
    {
        StatusLine,
        Headers,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        BodyToEnd,
        Done,
        Failed,
    }

    public int StatusCode { get; private set; }

    /// <summary>Whether the connection may carry another request after this response.</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>Body bytes seen so far (after de-chunking).</summary>
    public long BodyBytes { get; private set; }

    /// <summary>Why the response was invalid.</summary>
    public string? Error { get; private set; }

    /// <summary>Whether the parser is waiting for the first byte of a status line, so an end of
    /// stream now means the server closed the connection without answering.</summary>
    public bool AtStart => _state == State.StatusLine && StatusCode == 0;

    /// <summary>Prepares for the next response; <paramref name="headRequest"/> because the answer
    /// to HEAD has headers describing a body that is not sent.</summary>
    public void Reset(bool headRequest)
    {
        _state = State.StatusLine;
        _headRequest = headRequest;
        StatusCode = 0;
        KeepAlive = false;
        BodyBytes = 0;
        Error = null;
        ResetHead();
    }

    public ResponseParseStatus Parse(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        while (true)
        {
            ReadOnlySpan<byte> rest = data[consumed..];
            switch (_state)
            {
                case State.Done:
                    return ResponseParseStatus.Complete;
                case State.Failed:
                    return ResponseParseStatus.Invalid;
                case State.FixedBody:
                case State.ChunkData:
                    {
                        int take = (int)Math.Min(_remaining, rest.Length);
                        consumed += take;
                        _remaining -= take;
                        BodyBytes += take;
                        if (_remaining > 0)
                        {
                            return ResponseParseStatus.NeedMoreData;
                        }

                        _state = _state == State.FixedBody ? State.Done : State.ChunkDataEnd;
                        continue;
                    }

                case State.BodyToEnd:
                    consumed += rest.Length;
                    BodyBytes += rest.Length;
                    return ResponseParseStatus.NeedMoreData;
            }

            int newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                return ResponseParseStatus.NeedMoreData;
            }

            ReadOnlySpan<byte> line = rest[..newline];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            consumed += newline + 1;
            bool ok = _state switch
            {
                State.StatusLine => OnStatusLine(line),
                State.Headers => OnHeaderLine(line),
                State.ChunkSize => OnChunkSizeLine(line),
                State.ChunkDataEnd => OnChunkDataEnd(line),
                _ => OnTrailerLine(line),
            };
            if (!ok)
            {
                _state = State.Failed;
                return ResponseParseStatus.Invalid;
            }
        }
    }

    /// <summary>Called when the server closed the connection: completes a body that runs to the
    /// end of the stream; anything else was cut short.</summary>
    public ResponseParseStatus CompleteAtEndOfStream()
    {
        if (_state == State.Done)
        {
            return ResponseParseStatus.Complete;
        }

        if (_state == State.BodyToEnd)
        {
            _state = State.Done;
            return ResponseParseStatus.Complete;
        }

        Error = "the connection closed before the response was complete";
        _state = State.Failed;
        return ResponseParseStatus.Invalid;
    }

    private bool OnStatusLine(ReadOnlySpan<byte> line)
    {
        // "HTTP/1.1 200 OK": version, space, three digits, then an optional reason.
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != (byte)' '
            || (line.Length > 12 && line[12] != (byte)' '))
        {
            return Fail("invalid status line");
        }

        byte minor = line[7];
        if (minor is not ((byte)'0' or (byte)'1'))
        {
            return Fail("unsupported HTTP version");
        }

        int status = 0;
        for (int i = 9; i < 12; i++)
        {
            byte digit = line[i];
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return Fail("invalid status code");
            }

            status = (status * 10) + (digit - '0');
        }

        if (status < 100)
        {
            return Fail("invalid status code");
        }

        StatusCode = status;
        KeepAlive = minor == (byte)'1';
        _state = State.Headers;
        return true;
    }

    private bool OnHeaderLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            return OnEndOfHead();
        }

        if (++_headerCount > MaxHeaderCount)
        {
            return Fail("too many response headers");
        }

        int colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return Fail("invalid header line");
        }

        ReadOnlySpan<byte> name = line[..colon];
        ReadOnlySpan<byte> value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
        if (name.EqualsIgnoreCaseAscii("content-length"u8))
        {
            if (!Utf8Parser.TryParse(value, out long length, out int used) || used != value.Length || length < 0)
            {
                return Fail("invalid Content-Length");
            }

            if (_contentLength >= 0 && _contentLength != length)
            {
                return Fail("conflicting Content-Length headers");
            }

            _contentLength = length;
        }
        else if (name.EqualsIgnoreCaseAscii("transfer-encoding"u8))
        {
            // Only the last coding decides whether the body is chunked.
            int comma = value.LastIndexOf((byte)',');
            ReadOnlySpan<byte> last = (comma < 0 ? value : value[(comma + 1)..]).Trim((byte)' ');
            _chunked = last.EqualsIgnoreCaseAscii("chunked"u8);
        }
        else if (name.EqualsIgnoreCaseAscii("connection"u8))
        {
            if (value.ContainsTokenIgnoreCaseAscii("close"u8))
            {
                KeepAlive = false;
            }
            else if (value.ContainsTokenIgnoreCaseAscii("keep-alive"u8))
            {
                KeepAlive = true;
            }
        }

        return true;
    }

    private bool OnEndOfHead()
    {
        if (StatusCode is >= 100 and < 200 && StatusCode != 101)
        {
            // An interim answer (100 Continue, 103 Early Hints): the real one follows.
            bool keepAlive = KeepAlive;
            _state = State.StatusLine;
            ResetHead();
            KeepAlive = keepAlive;
            return true;
        }

        if (_headRequest || StatusCode is 204 or 304 or 101)
        {
            _state = State.Done;
        }
        else if (_chunked)
        {
            _state = State.ChunkSize;
        }
        else if (_contentLength >= 0)
        {
            _remaining = _contentLength;
            _state = _contentLength == 0 ? State.Done : State.FixedBody;
        }
        else
        {
            KeepAlive = false;
            _state = State.BodyToEnd;
        }

        return true;
    }

    private bool OnChunkSizeLine(ReadOnlySpan<byte> line)
    {
        int extension = line.IndexOf((byte)';');
        ReadOnlySpan<byte> digits = (extension < 0 ? line : line[..extension]).Trim((byte)' ');
        if (digits.IsEmpty || digits.Length > 15)
        {
            return Fail("invalid chunk size");
        }

        long size = 0;
        foreach (byte b in digits)
        {
            int value = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (value < 0)
            {
                return Fail("invalid chunk size");
            }

            size = (size * 16) + value;
        }

        _remaining = size;
        _state = size == 0 ? State.Trailers : State.ChunkData;
        return true;
    }

    private bool OnChunkDataEnd(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty)
        {
            return Fail("chunk data longer than its size");
        }

        _state = State.ChunkSize;
        return true;
    }

    private bool OnTrailerLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            _state = State.Done;
        }
        else if (++_headerCount > MaxHeaderCount)
        {
            return Fail("too many trailer fields");
        }

        return true;
    }

    private void ResetHead()
    {
        _remaining = 0;
        _contentLength = -1;
        _chunked = false;
        _headerCount = 0;
    }

    private bool Fail(string reason)
    {
        Error = reason;
        return false;
    }
}
