namespace Dashboard.LoopServer.Http;

/// <summary>One header field as received (request) or to send (response).</summary>
internal readonly record struct HttpHeader(string Name, string Value);
