using System.Diagnostics;
using System.Text;

namespace Dashboard.Server.Tests.FirstRun;

/// <summary>
/// A command line run the way a person types it: in a folder (the repository root), as a child
/// process whose output is kept. Stopped with its whole process tree (dotnet run starts the
/// program as a child of its own) when disposed or when it outlives its deadline.
/// </summary>
internal sealed class RepositoryCommand : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private RepositoryCommand(Process process)
    {
        _process = process;
    }

    /// <summary>The repository root: the folder above the test's output that holds Dashboard.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Everything the process printed so far, stdout and stderr interleaved.</summary>
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

    /// <summary>Starts <paramref name="commandLine"/> (words split on spaces; none here has quotes) in the repository root.</summary>
    public static RepositoryCommand Start(string commandLine)
    {
        var words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(words[0])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in words.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        // No build server or MSBuild node may outlive the command holding the test's pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start };
        var command = new RepositoryCommand(process);
        process.OutputDataReceived += (_, e) => command.Append(e.Data);
        process.ErrorDataReceived += (_, e) => command.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return command;
    }

    /// <summary>Runs <paramref name="commandLine"/> to its end; answers its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string commandLine, TimeSpan deadline)
    {
        using var command = Start(commandLine);
        try
        {
            await command._process.WaitForExitAsync().Within($"the end of `{commandLine}`", deadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} It printed:\n{command.Output}", ex);
        }

        return (command._process.ExitCode, command.Output);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
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

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Dashboard.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Dashboard.sln above {AppContext.BaseDirectory}");
    }
}
