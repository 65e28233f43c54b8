namespace Dashboard.LoopServer.Http;

internal static partial class Http1Parser
{
    /// <summary>
    /// What the validating pass learns about a head: offsets into the head bytes (all counted from
    /// the start of the request line) and the header facts the request needs. A value type on the
    /// stack, so the validating pass allocates nothing.
    /// </summary>
    private struct RequestHead
    {
        public int RequestLineLength;
        public int MethodLength;
        public int TargetStart;
        public int TargetLength;
        public int PathStart;

        /// <summary>0 means an absolute-form target without path: the path is "/".</summary>
        public int PathLength;

        public int QueryStart;

        /// <summary>Includes the '?'; 0 when the target has no query.</summary>
        public int QueryLength;

        public HttpProtocolVersion Version;

        /// <summary>Request line, header lines and the final empty line, with their CRLFs.</summary>
        public int HeadLength;

        public int HeaderCount;

        /// <summary>-1 when absent.</summary>
        public long ContentLength;

        public bool HasTransferEncoding;
        public bool ConnectionClose;
        public bool ConnectionKeepAlive;

        /// <summary>Ordinal of the Host field among the headers, -1 when absent.</summary>
        public int HostIndex;

        /// <summary>Ordinal of the X-Correlation-Id field among the headers, -1 when absent.</summary>
        public int CorrelationIdIndex;

        /// <summary>Valid once the head passed its checks, which bound Content-Length by MaxRequestBodyBytes (≤ 1 GiB).</summary>
        public readonly int BodyLength => ContentLength <= 0 ? 0 : (int)ContentLength;

        /// <summary>RFC 9112 §9.3: 1.1 persists unless "close"; 1.0 only with "keep-alive".</summary>
        public readonly bool KeepAlive => !ConnectionClose && (Version == HttpProtocolVersion.Http11 || ConnectionKeepAlive);
    }
}
