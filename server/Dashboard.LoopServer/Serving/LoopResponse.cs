using System.Text;

namespace Dashboard.LoopServer.Serving;

/// <summary>What a request handler answers; the connection writes it with Content-Length.</summary>
internal sealed record LoopResponse(int Status, string ContentType, ReadOnlyMemory<byte> Body, bool CloseConnection = false)
{
    public const string Json = "application/json; charset=utf-8";
    public const string Text = "text/plain; charset=utf-8";

    public static LoopResponse FromText(int status, string text, bool closeConnection = false) =>
        new(status, Text, Encoding.UTF8.GetBytes(text), closeConnection);

    public static LoopResponse FromJson(int status, string json) => new(status, Json, Encoding.UTF8.GetBytes(json));
}
