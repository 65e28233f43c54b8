namespace Dashboard.LoopServer.Http;

/// <summary>Outcome of one <see cref="Http1Parser"/> call.</summary>
internal enum ParseResult
{
    /// <summary>The buffer holds only a prefix of a request: nothing consumed, keep the bytes and append more.</summary>
    NeedMoreData,

    /// <summary>One whole request (head and body) was parsed; consumed points just after it.</summary>
    Complete,

    /// <summary>The request breaks the protocol or a limit: answer the rejection and close.</summary>
    Rejected,
}
