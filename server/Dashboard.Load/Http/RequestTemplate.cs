using System.Text;
using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Http;

/// <summary>
/// One request kind encoded once as HTTP/1.1 bytes. Only the correlation id differs between
/// requests, so it sits at a fixed offset with a fixed width and is written in place: sending
/// costs a copy, not an encoding.
/// </summary>
internal sealed class RequestTemplate
{
    /// <summary>Decimal digits of the sequence number in a correlation id.</summary>
    public const int SequenceDigits = 12;

    private readonly byte[] _bytes;
    private readonly int _sequenceOffset;

    private RequestTemplate(byte[] bytes, int sequenceOffset, bool isHead)
    {
        _bytes = bytes;
        _sequenceOffset = sequenceOffset;
        IsHead = isHead;
    }

    public int Length => _bytes.Length;

    public bool IsHead { get; }

    /// <summary>The request's header bytes (for tests and for sizing send buffers).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    public static RequestTemplate Create(RequestKindPlan kind, string hostHeader, string correlationPrefix)
    {
        var head = new StringBuilder();
        head.Append(kind.Method).Append(' ').Append(kind.PathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(hostHeader).Append("\r\n");
        head.Append("X-Correlation-Id: ").Append(correlationPrefix).Append('-');
        int sequenceOffset = Encoding.ASCII.GetByteCount(head.ToString());
        head.Append('0', SequenceDigits).Append("\r\n");
        if (kind.ContentType is not null)
        {
            head.Append("Content-Type: ").Append(kind.ContentType).Append("\r\n");
        }

        // POST and friends without a body still say so: some servers wait for a length otherwise.
        if (kind.Body.Length > 0 || kind.Method is "POST" or "PUT" or "PATCH")
        {
            head.Append("Content-Length: ").Append(kind.Body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
        byte[] bytes = new byte[headBytes.Length + kind.Body.Length];
        headBytes.CopyTo(bytes, 0);
        kind.Body.CopyTo(bytes, headBytes.Length);
        return new RequestTemplate(bytes, sequenceOffset, kind.Method == "HEAD");
    }

    /// <summary>The correlation id of request <paramref name="sequence"/> of a run.</summary>
    public static string CorrelationId(string prefix, long sequence) =>
        $"{prefix}-{sequence.ToString("D" + SequenceDigits, System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Copies the request into <paramref name="destination"/> with its correlation id and
    /// returns the length written.</summary>
    public int WriteTo(Span<byte> destination, long sequence)
    {
        _bytes.CopyTo(destination);
        Span<byte> digits = destination.Slice(_sequenceOffset, SequenceDigits);
        long value = sequence;
        for (int i = SequenceDigits - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return _bytes.Length;
    }
}
