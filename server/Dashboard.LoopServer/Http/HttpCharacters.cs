using System.Buffers;

namespace Dashboard.LoopServer.Http;

/// <summary>Byte classes of RFC 9110/9112 as vectorized search sets.</summary>
internal static class HttpCharacters
{
    public const byte Cr = (byte)'\r';
    public const byte Lf = (byte)'\n';
    public const byte Space = (byte)' ';
    public const byte Tab = (byte)'\t';
    public const byte Colon = (byte)':';

    /// <summary>tchar: the characters of a token (method, header name, Connection option).</summary>
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>
    /// Request-target bytes: visible ASCII except '#' (a fragment is never sent, RFC 9112 §3.2).
    /// Deliberately wider than RFC 3986 (which excludes e.g. '{', '|', '"'), as Kestrel is, because
    /// clients do send those unencoded and the path is not interpreted here beyond the '?'.
    /// </summary>
    public static readonly SearchValues<byte> Target = SearchValues.Create(VisibleAscii(except: (byte)'#'));

    /// <summary>field-content bytes once OWS is trimmed: VCHAR, obs-text (0x80-0xFF), SP and HTAB.</summary>
    public static readonly SearchValues<byte> FieldValue = SearchValues.Create(FieldValueBytes());

    /// <summary>Visible ASCII: what a correlation id may contain, so it is safe in logs, JSON and reports.</summary>
    public static readonly SearchValues<byte> Visible = SearchValues.Create(VisibleAscii(except: null));

    /// <summary>
    /// Host header bytes: uri-host (reg-name, IPv4, IP-literal in brackets) and ':' port (RFC 3986).
    /// </summary>
    public static readonly SearchValues<byte> Host =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=%:[]"u8);

    /// <summary>tchar as chars, to check response header names.</summary>
    public static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Characters a response header name or value may carry (visible ASCII, SP, HTAB): no CR/LF injection.</summary>
    public static readonly SearchValues<char> ResponseFieldChars = SearchValues.Create(ResponseChars());

    public static bool IsWhitespace(byte b) => b is Space or Tab;

    private static byte[] VisibleAscii(byte? except)
    {
        var bytes = new List<byte>(94);
        for (var b = 0x21; b <= 0x7E; b++)
        {
            if (b != except)
            {
                bytes.Add((byte)b);
            }
        }

        return [.. bytes];
    }

    private static byte[] FieldValueBytes()
    {
        var bytes = new List<byte>(256) { Tab, Space };
        for (var b = 0x21; b <= 0xFF; b++)
        {
            if (b != 0x7F)
            {
                bytes.Add((byte)b);
            }
        }

        return [.. bytes];
    }

    private static string ResponseChars()
    {
        var chars = new char[96];
        chars[0] = '\t';
        for (var c = 0x20; c <= 0x7E; c++)
        {
            chars[c - 0x20 + 1] = (char)c;
        }

        return new string(chars);
    }
}
