using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Cli;

/// <summary>
/// <c>run FILE.json [--out DIR]</c>: starts the loop and its server (on a free port unless set),
/// runs the scenario with a live progress line, prints a summary table and exits with the verdict.
/// </summary>
internal static class HeadlessRun
{
    public static async Task<int> RunAsync(FileInfo file, DirectoryInfo? output, string[] settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await stderr.WriteLineAsync($"error: {file.FullName}: no such scenario file");
            return CommandLineEntry.InvalidInput;
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // A free port by default, so a headless run never collides with a dashboard on 5080.
            ["LoopServer:Port"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var setting in settings)
        {
            var split = setting.Split('=', 2);
            if (split.Length != 2 || split[0].Length == 0)
            {
                await stderr.WriteLineAsync($"error: --set {setting}: expected KEY=VALUE, e.g. --set LoopServer:Port=5080");
                return CommandLineEntry.InvalidInput;
            }

            overrides[split[0]] = split[1];
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(overrides);
        DashboardApplication.AddCoreServices(builder.Services, builder.Configuration);
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return CommandLineEntry.InvalidInput;
        }

        try
        {
            return await RunScenarioAsync(host.Services, file, output, stdout, stderr, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> RunScenarioAsync(IServiceProvider services, FileInfo file, DirectoryInfo? output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var runs = services.GetRequiredService<RunManager>();
        var json = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        var validated = runs.Validate(json);
        if (!validated.IsValid)
        {
            await stderr.WriteLineAsync($"error: {file.Name} is not a valid scenario:");
            foreach (var error in validated.Errors)
            {
                await stderr.WriteLineAsync($"  {error.Path}: {error.Message}");
            }

            return CommandLineEntry.InvalidInput;
        }

        var progress = new ProgressLine(stdout, interactive: !Console.IsOutputRedirected);
        runs.SnapshotPublished += progress.OnSnapshot;
        ManagedRun run;
        try
        {
            run = await runs.StartAsync(validated, cancellationToken);
        }
        catch (Exception ex) when (ex is RunCapacityException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            runs.SnapshotPublished -= progress.OnSnapshot;
            await stderr.WriteLineAsync($"error: the run could not start: {ex.Message}");
            return CommandLineEntry.InvalidInput;
        }

        progress.Begin(run);
        // Ctrl+C stops the run gracefully (its summary still prints); the process ends after.
        using var stopOnCancel = cancellationToken.Register(run.Stop);
        var info = await run.Ended;
        runs.SnapshotPublished -= progress.OnSnapshot;
        progress.End();

        await SummaryTable.WriteAsync(stdout, run, info);
        if (output is not null)
        {
            var record = LiveRunRecords.Record(run, services.GetRequiredService<RunEnvironment>());
            var written = await RunFiles.WriteAsync(record, output.FullName, CancellationToken.None);
            await stdout.WriteLineAsync($"files: {string.Join(", ", written)}");
        }

        // A run that failed to go on (its target died) or was aborted by a threshold is not a pass.
        var passed = info.Status is RunStatus.Completed or RunStatus.Stopped && info.Passed == true;
        return passed ? CommandLineEntry.Passed : CommandLineEntry.ThresholdsFailed;
    }
}
