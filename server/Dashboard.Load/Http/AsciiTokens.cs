using System.Text;

namespace Dashboard.Load.Http;

/// <summary>Case-insensitive comparisons of ASCII header bytes.</summary>
internal static class AsciiTokens
{
    public static bool EqualsIgnoreCaseAscii(this ReadOnlySpan<byte> value, ReadOnlySpan<byte> expected) =>
        Ascii.EqualsIgnoreCase(value, expected);

    /// <summary>Whether a comma-separated header value holds <paramref name="token"/>.</summary>
    public static bool ContainsTokenIgnoreCaseAscii(this ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        while (!value.IsEmpty)
        {
            int comma = value.IndexOf((byte)',');
            ReadOnlySpan<byte> item = (comma < 0 ? value : value[..comma]).Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(item, token))
            {
                return true;
            }

            value = comma < 0 ? [] : value[(comma + 1)..];
        }

        return false;
    }
}
