using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Load.Tests.Support;

/// <summary>
/// A small Kestrel app on 127.0.0.1 with an ephemeral port, shaped like the loop server's routes
/// (<c>GET /</c>, <c>GET|POST /w/{name}</c>). Every request goes through <see cref="Handler"/>,
/// which tests replace to stall, delay or fail; the server counts requests, concurrency and the
/// correlation ids it saw.
/// </summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _concurrent;
    private int _maxConcurrent;
    private int _requests;

    private TestHttpServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Runs per request (after counting); the default answers at once.</summary>
    public Func<HttpContext, int, Task<IResult>> Handler { get; set; } = (_, _) => Task.FromResult(Results.Text("hello"));

    public int Requests => Volatile.Read(ref _requests);

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public ConcurrentQueue<string> CorrelationIds { get; } = new();

    public static async Task<TestHttpServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new TestHttpServer(app);
        app.Map("/", server.HandleAsync);
        app.Map("/w/{name}", server.HandleAsync);
        app.Map("/w", server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);

        // A cold Kestrel answers its first requests slowly (JIT); tests measure latency, not that.
        using (var client = new HttpClient { BaseAddress = server.BaseAddress })
        {
            for (int i = 0; i < 20; i++)
            {
                using HttpResponseMessage response = await client.GetAsync(i % 2 == 0 ? "/" : "/w/hello");
            }
        }

        server.ResetCounters();
        return server;
    }

    public void ResetCounters()
    {
        Handler = (_, _) => Task.FromResult(Results.Text("hello"));
        Volatile.Write(ref _requests, 0);
        Volatile.Write(ref _maxConcurrent, 0);
        CorrelationIds.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        int number = Interlocked.Increment(ref _requests);
        int concurrent = Interlocked.Increment(ref _concurrent);
        int max;
        while (concurrent > (max = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, concurrent, max) != max)
        {
        }

        if (context.Request.Headers.TryGetValue("X-Correlation-Id", out var id))
        {
            CorrelationIds.Enqueue(id.ToString());
        }

        try
        {
            IResult result = await Handler(context, number);
            await result.ExecuteAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }
}
