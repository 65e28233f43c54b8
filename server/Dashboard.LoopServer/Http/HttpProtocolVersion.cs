namespace Dashboard.LoopServer.Http;

/// <summary>The two request versions the server speaks (named to stay clear of System.Net.HttpVersion).</summary>
internal enum HttpProtocolVersion
{
    Http10,
    Http11,
}
