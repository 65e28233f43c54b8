namespace Dashboard.Load.Http;

/// <summary>Why a request got no usable response.</summary>
internal enum ErrorKind
{
    None,

    /// <summary>No complete response within the request timeout (connect included).</summary>
    Timeout,

    /// <summary>The server refused the connection.</summary>
    Refused,

    /// <summary>The connection was reset or closed before the response was complete.</summary>
    Reset,

    /// <summary>Anything else: an invalid response, an unreachable host …</summary>
    Other,

    /// <summary>The run itself cut the request off (cancellation); counted as abandoned, not as an error.</summary>
    Aborted,
}
