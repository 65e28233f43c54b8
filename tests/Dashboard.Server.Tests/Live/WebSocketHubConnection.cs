using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Live;

/// <summary>
/// A .NET SignalR client for tests. Only SignalR.Client.Core restores here (no HTTP connections
/// package), so this connects a WebSocket straight to the hub, skipping negotiation as the
/// JavaScript client's skipNegotiation does, and bridges it to the client's pipes.
/// </summary>
internal static class WebSocketHubConnection
{
    /// <param name="configureRequest">Headers of the upgrade request (an Origin, a token).</param>
    public static HubConnection Create(TestServer server, string path, Action<Microsoft.AspNetCore.Http.HttpRequest>? configureRequest = null)
    {
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(new Factory(server, configureRequest));
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(new Uri(server.BaseAddress, path)));
        return builder.Build();
    }

    private sealed class Factory(TestServer server, Action<Microsoft.AspNetCore.Http.HttpRequest>? configureRequest) : IConnectionFactory
    {
        public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
        {
            var uri = ((UriEndPoint)endpoint).Uri;
            var ws = new UriBuilder(uri) { Scheme = "ws" }.Uri;
            var client = server.CreateWebSocketClient();
            client.ConfigureRequest = configureRequest;
            var socket = await client.ConnectAsync(ws, cancellationToken);
            return new Connection(socket);
        }
    }

    private sealed class Connection : ConnectionContext
    {
        private readonly WebSocket _socket;
        private readonly Pipe _fromServer = new();
        private readonly Pipe _toServer = new();
        private readonly CancellationTokenSource _closed = new();

        public Connection(WebSocket socket)
        {
            _socket = socket;
            Transport = new DuplexPipe(_fromServer.Reader, _toServer.Writer);
            _ = ReceiveAsync();
            _ = SendAsync();
        }

        public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

        public override IDuplexPipe Transport { get; set; }

        public override CancellationToken ConnectionClosed
        {
            get => _closed.Token;
            set => throw new NotSupportedException();
        }

        public override async ValueTask DisposeAsync()
        {
            await _toServer.Writer.CompleteAsync();
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The server may have closed first (a run that ended, a host stopping): the test
                // host's socket then says "the remote end closed the connection" (IOException).
            }

            _socket.Dispose();
            await _closed.CancelAsync();
        }

        private async Task ReceiveAsync()
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    await _fromServer.Writer.WriteAsync(buffer.AsMemory(0, result.Count));
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
            }

            await _fromServer.Writer.CompleteAsync();
        }

        private async Task SendAsync()
        {
            try
            {
                while (true)
                {
                    var read = await _toServer.Reader.ReadAsync();
                    foreach (var segment in read.Buffer)
                    {
                        await _socket.SendAsync(segment, WebSocketMessageType.Text, true, CancellationToken.None);
                    }

                    _toServer.Reader.AdvanceTo(read.Buffer.End);
                    if (read.IsCompleted)
                    {
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
            }
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
