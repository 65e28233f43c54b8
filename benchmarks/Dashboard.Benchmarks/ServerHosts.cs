using Dashboard.EventLoop;
using Dashboard.LoopServer;
using Dashboard.LoopServer.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks;

/// <summary>The servers that benchmarks/run.sh server measures with wrk, each started as its own process.</summary>
internal static class ServerHosts
{
    /// <summary>The loop server on <paramref name="loops"/> loops, accounting on, answering GET / until the process is killed.</summary>
    public static async Task<int> RunLoopServerAsync(int port, int loops = 1)
    {
        var options = new EventLoopOptions { Accounting = true };
        var group = Enumerable.Range(0, loops).Select(i => new EventLoop.EventLoop(options.ForLoop(i, loops))).ToArray();
        var drains = group.Select(loop =>
        {
            loop.Start();
            return Task.Run(async () =>
            {
                // A consumer, as in the host: records leave the loop and are counted away.
                await foreach (var _ in loop.CompletedTasks.ReadAllAsync())
                {
                }
            });
        }).ToArray();
        var server = new LoopHttpServer(
            group.Select(loop => (loop, (ILoopRequestHandler)new LoopRequestRouter())).ToArray(),
            new LoopServerOptions { Host = "127.0.0.1", Port = port });
        server.Start();
        Console.WriteLine($"listening on {server.EndPoint} with {loops} loop(s)");
        await Task.Delay(Timeout.Infinite);
        await Task.WhenAll(drains);
        return 0;
    }

    /// <summary>A minimal Kestrel hello world; run.sh restricts it to one core (taskset + DOTNET_PROCESSOR_COUNT=1).</summary>
    public static async Task<int> RunKestrelAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/", () => Results.Text("Hello, World!"));
        Console.WriteLine($"listening on {port}");
        await app.RunAsync();
        return 0;
    }
}
