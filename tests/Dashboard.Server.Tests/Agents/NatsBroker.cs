using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Agents;

/// <summary>
/// A real NATS server (Debian's nats-server, installed by scripts/install-test-deps.sh) on a free
/// loopback port, asking for a token; stopped, by its process id, when disposed.
/// </summary>
internal sealed class NatsBroker : IAsyncDisposable
{
    private readonly Process _process;

    private NatsBroker(Process process, int port, string token)
    {
        _process = process;
        Port = port;
        Token = token;
    }

    public int Port { get; }

    public string Token { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public static Task<NatsBroker> StartAsync(string token = "agents-test-token", int? port = null) =>
        StartAsync(token, ["--auth", token], port);

    /// <summary>A broker asking for a user and password instead of a token.</summary>
    public static Task<NatsBroker> StartWithUserAsync(string user, string password) =>
        StartAsync("", ["--user", user, "--pass", password], null);

    private static async Task<NatsBroker> StartAsync(string token, string[] credentials, int? port)
    {
        var binary = FindBinary();
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in new[] { "-a", "127.0.0.1", "-p", chosen.ToString() }.Concat(credentials))
        {
            start.ArgumentList.Add(word);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new NatsBroker(process, chosen, token);
        await Waits.Until(() => process.HasExited || Accepts(chosen), $"nats-server listening on 127.0.0.1:{chosen}");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"nats-server exited with {process.ExitCode} on port {chosen}");
        }

        return broker;
    }

    /// <summary>Stops the broker (an outage); <see cref="StartAsync"/> with the same port brings it back.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync().Within("nats-server to stop", TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string FindBinary()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/bin"])
            .Select(folder => Path.Combine(folder, "nats-server"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException("nats-server is not installed: scripts/install-test-deps.sh installs Debian's nats-server (apt-get install nats-server)");
    }
}
