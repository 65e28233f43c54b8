using System.Net;
using System.Net.Sockets;
using Dashboard.Server.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Health;

/// <summary>The <c>probe</c> command the container's HEALTHCHECK runs: 0 ready, 1 not, 2 a bad URL.</summary>
public sealed class HealthProbeTests
{
    [Theory]
    [InlineData(200, CommandLineEntry.Passed)]
    [InlineData(503, CommandLineEntry.ThresholdsFailed)]
    public async Task Probe_ExitsByTheReadinessAnswer(int status, int expected)
    {
        await using var app = await ServeAsync(status);
        var (code, stdout, stderr) = await Probe(Address(app) + "/health/ready");
        Assert.True(code == expected, stdout + stderr);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), stdout + stderr);
    }

    [Fact]
    public async Task Probe_NothingListening_IsUnhealthy_NamingTheAddress()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var url = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}/health/ready"; // bound, not listening: refused
        var (code, _, stderr) = await Probe(url);
        Assert.Equal(CommandLineEntry.ThresholdsFailed, code);
        Assert.Contains(url, stderr);
    }

    [Fact]
    public async Task Probe_BadUrl_IsInvalidInput_NamingTheOption()
    {
        var (code, _, stderr) = await Probe("not a url");
        Assert.Equal(CommandLineEntry.InvalidInput, code);
        Assert.Contains("--url", stderr);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Probe(string url)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await HealthProbe.RunAsync(url, TimeSpan.FromSeconds(5), stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task<WebApplication> ServeAsync(int status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/health/ready", () => Results.Json(new { status = status == 200 ? "healthy" : "unhealthy" }, statusCode: status));
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
}
