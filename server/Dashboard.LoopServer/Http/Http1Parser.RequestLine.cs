using System.Text;
using static Dashboard.LoopServer.Http.HttpCharacters;

namespace Dashboard.LoopServer.Http;

internal static partial class Http1Parser
{
    /// <summary>
    /// request-line = method SP request-target SP HTTP-version (RFC 9112 §3), single spaces only:
    /// the lenient whitespace parsing the RFC allows is another source of parser disagreement.
    /// </summary>
    private static RequestRejectionReason ScanRequestLine(ReadOnlySpan<byte> line, ref RequestHead head)
    {
        var firstSpace = line.IndexOf(Space);
        if (firstSpace < 0)
        {
            return RequestRejectionReason.InvalidRequestLine;
        }

        var method = line[..firstSpace];
        if (method.IsEmpty || method.ContainsAnyExcept(Token))
        {
            return RequestRejectionReason.InvalidMethod;
        }

        head.MethodLength = firstSpace;
        var targetStart = firstSpace + 1;
        var secondSpace = line[targetStart..].IndexOf(Space);
        if (secondSpace < 0)
        {
            return RequestRejectionReason.InvalidRequestLine;
        }

        var target = line.Slice(targetStart, secondSpace);
        var reason = ScanTarget(method, target, targetStart, ref head);
        if (reason != RequestRejectionReason.None)
        {
            return reason;
        }

        return ScanVersion(line[(targetStart + secondSpace + 1)..], ref head);
    }

    private static RequestRejectionReason ScanTarget(
        ReadOnlySpan<byte> method,
        ReadOnlySpan<byte> target,
        int targetStart,
        ref RequestHead head)
    {
        if (target.IsEmpty || target.ContainsAnyExcept(HttpCharacters.Target))
        {
            return RequestRejectionReason.InvalidRequestTarget;
        }

        head.TargetStart = targetStart;
        head.TargetLength = target.Length;
        int pathOffset;
        if (target[0] == (byte)'/')
        {
            pathOffset = 0;
        }
        else if (target.Length == 1 && target[0] == (byte)'*')
        {
            // asterisk-form exists only for a server-wide OPTIONS (RFC 9112 §3.2.4).
            if (!method.SequenceEqual("OPTIONS"u8))
            {
                return RequestRejectionReason.InvalidRequestTarget;
            }

            head.PathStart = targetStart;
            head.PathLength = 1;
            return RequestRejectionReason.None;
        }
        else
        {
            // absolute-form (what proxies are sent, and servers must accept, RFC 9112 §3.2.2).
            // authority-form (CONNECT) is not served here and falls through to 400.
            var schemeLength = StartsWithIgnoreCase(target, "http://"u8) ? 7
                : StartsWithIgnoreCase(target, "https://"u8) ? 8
                : 0;
            if (schemeLength == 0)
            {
                return RequestRejectionReason.InvalidRequestTarget;
            }

            var afterScheme = target[schemeLength..];
            var authorityEnd = afterScheme.IndexOfAny((byte)'/', (byte)'?');
            var authorityLength = authorityEnd < 0 ? afterScheme.Length : authorityEnd;
            if (authorityLength == 0)
            {
                return RequestRejectionReason.InvalidRequestTarget;
            }

            pathOffset = schemeLength + authorityLength;
        }

        var rest = target[pathOffset..];
        var question = rest.IndexOf((byte)'?');
        var pathLength = question < 0 ? rest.Length : question;
        head.PathStart = targetStart + pathOffset;
        head.PathLength = pathLength;
        if (question >= 0)
        {
            head.QueryStart = head.PathStart + question;
            head.QueryLength = rest.Length - question;
        }

        return RequestRejectionReason.None;
    }

    /// <summary>HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive; well-formed but not 1.0/1.1 is 505.</summary>
    private static RequestRejectionReason ScanVersion(ReadOnlySpan<byte> version, ref RequestHead head)
    {
        if (version.Length != 8
            || !version.StartsWith("HTTP/"u8)
            || !char.IsAsciiDigit((char)version[5])
            || version[6] != (byte)'.'
            || !char.IsAsciiDigit((char)version[7]))
        {
            return RequestRejectionReason.InvalidHttpVersion;
        }

        if (version[5] != (byte)'1' || version[7] is not ((byte)'0' or (byte)'1'))
        {
            return RequestRejectionReason.HttpVersionNotSupported;
        }

        head.Version = version[7] == (byte)'1' ? HttpProtocolVersion.Http11 : HttpProtocolVersion.Http10;
        return RequestRejectionReason.None;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix) =>
        value.Length >= prefix.Length && Ascii.EqualsIgnoreCase(value[..prefix.Length], prefix);
}
