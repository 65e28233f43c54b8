using System.Diagnostics;
using System.Text;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Agents;

/// <summary>
/// An agent as a separate process (<c>dotnet Dashboard.Server.dll agent …</c>, the program the
/// test output holds), its output kept; killed, by its process id, when disposed.
/// </summary>
internal sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private AgentProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts an agent on <paramref name="nats"/> with the token in its environment (as a user would pass a secret).</summary>
    public static AgentProcess Start(string nats, string name, string? token, params string[] extra)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Dashboard.Server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var word in new[] { program, "agent", "--nats", nats, "--name", name }.Concat(extra))
        {
            start.ArgumentList.Add(word);
        }

        if (token is not null)
        {
            start.Environment["Distributed__Token"] = token;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        var agent = new AgentProcess(process, name);
        process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>Waits for it to end by itself; answers its exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan deadline)
    {
        await _process.WaitForExitAsync().Within($"agent {Name} to exit; it printed:\n{Output}", deadline);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as a container stop or a service manager sends: a graceful stop.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            kill.WaitForExit(10_000);
        }
    }

    /// <summary>Kills it outright: no goodbye, as a crash or a pulled cable.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
