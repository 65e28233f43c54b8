namespace Dashboard.LoopServer.Http;

/// <summary>
/// The request's header fields in arrival order. Lookup by name is case-insensitive and linear:
/// the count is bounded by MaxRequestHeaderCount and typically a handful, where a scan beats a
/// dictionary and allocates nothing beyond the one array.
/// </summary>
internal readonly struct HttpRequestHeaders
{
    private readonly HttpHeader[]? _items;

    public HttpRequestHeaders(HttpHeader[] items) => _items = items;

    public int Count => _items?.Length ?? 0;

    public HttpHeader this[int index] => (_items ?? [])[index];

    /// <summary>The first field with this name (ASCII case-insensitive).</summary>
    public bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        if (_items is not null)
        {
            foreach (var header in _items)
            {
                if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = header.Value;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    /// <summary>The first field with this name, or null.</summary>
    public string? this[string name] => TryGetValue(name, out var value) ? value : null;

    public bool Contains(string name) => TryGetValue(name, out _);

    public ReadOnlySpan<HttpHeader>.Enumerator GetEnumerator() => AsSpan().GetEnumerator();

    public ReadOnlySpan<HttpHeader> AsSpan() => _items;
}
