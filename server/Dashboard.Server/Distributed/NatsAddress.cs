namespace Dashboard.Server.Distributed;

/// <summary>
/// A broker address as typed (<c>nats://host:4222</c>, or several separated by commas for a
/// cluster), checked, and shown without the credentials a URL may carry (<c>nats://user:pw@host</c>):
/// every message and page that names the broker shows <see cref="Display"/>.
/// </summary>
internal sealed record NatsAddress(string Url, string Display, string? Error)
{
    public const int DefaultPort = 4222;

    public static NatsAddress Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return new NatsAddress(text, text, "expected a NATS server URL such as nats://127.0.0.1:4222");
        }

        var shown = new List<string>();
        foreach (var part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls" or "ws" or "wss") || uri.Host.Length == 0)
            {
                return new NatsAddress(text, Redact(part), $"expected a NATS server URL such as nats://127.0.0.1:4222, got \"{Redact(part)}\"");
            }

            shown.Add(Redact(part));
        }

        return new NatsAddress(string.Join(',', parts), string.Join(',', shown), null);
    }

    /// <summary>The URL without its user information (a token or a password).</summary>
    public static string Redact(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        return scheme >= 0 && at > scheme ? string.Concat(url.AsSpan(0, scheme + 3), url.AsSpan(at + 1)) : url;
    }
}
