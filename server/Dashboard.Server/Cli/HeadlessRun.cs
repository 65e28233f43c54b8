using Dashboard.Contracts.Runs;
using Dashboard.Server.Configuration;
using Dashboard.Server.History;
using Dashboard.Server.Storage;
using Dashboard.Server.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Cli;

/// <summary>What <c>run</c> was asked: a scenario file or catalog name, the output folder, host settings.</summary>
internal sealed record HeadlessRequest(string Scenario, string? Out, IReadOnlyList<string> Settings, bool Verbose = false);

/// <summary>
/// <c>run FILE.json|NAME [--out DIR]</c>: starts the loop and its server (on a free port unless set),
/// runs the scenario with a live progress line, prints a summary table and exits with the verdict.
/// A path that names no file but looks like a name (no folder, no .json) is looked up in the catalog.
/// </summary>
internal static class HeadlessRun
{
    public static async Task<int> RunAsync(HeadlessRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var file = UserPaths.Resolve(request.Scenario);
        var byName = !File.Exists(file) && IsCatalogName(request.Scenario);
        if (!File.Exists(file) && !byName)
        {
            await stderr.WriteLineAsync($"error: {file}: no such scenario file");
            return CommandLineEntry.InvalidInput;
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // A free port by default, so a headless run never collides with a dashboard on 5080.
            ["LoopServer:Port"] = "0",
        };
        if (!request.Verbose)
        {
            // The progress line and the summary are the output; the host's own lines would interleave.
            overrides["Logging:LogLevel:Default"] = "Warning";
            overrides["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        }

        foreach (var setting in request.Settings)
        {
            var split = setting.Split('=', 2);
            if (split.Length != 2 || split[0].Length == 0)
            {
                await stderr.WriteLineAsync($"error: --set {setting}: expected KEY=VALUE, e.g. --set LoopServer:Port=5080");
                return CommandLineEntry.InvalidInput;
            }

            overrides[split[0]] = split[1];
        }

        // Content root: the program's folder (appsettings.json), not the user's (UserPaths).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(overrides);
        if (request.Verbose)
        {
            ConsoleLogging.MakeVerbose(builder.Configuration);
        }

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
            var source = await ReadScenarioAsync(host.Services, request.Scenario, file, byName, stderr, cancellationToken);
            return source is null
                ? CommandLineEntry.InvalidInput
                : await RunScenarioAsync(host.Services, source.Value, request.Out is null ? null : UserPaths.Resolve(request.Out), stdout, stderr, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A bare name (no folder, no extension) may be a catalog scenario's.</summary>
    internal static bool IsCatalogName(string text) =>
        text.Length > 0 && text.IndexOfAny(['/', '\\']) < 0 && !text.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The scenario's label and JSON text: from the file, else from the catalog by name.</summary>
    private static async Task<(string Label, string Json)?> ReadScenarioAsync(IServiceProvider services, string text, string file, bool byName, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!byName)
        {
            return (Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken));
        }

        var catalog = services.GetRequiredService<ScenarioCatalog>();
        if (catalog.Find(text) is { } scenario)
        {
            return (scenario.File, scenario.Json);
        }

        var names = string.Join(", ", catalog.Scenarios.Select(s => s.Name));
        await stderr.WriteLineAsync($"error: {file}: no such scenario file, and the catalog has no scenario named '{text}' (catalog: {(names.Length == 0 ? "empty" : names)})");
        return null;
    }

    private static async Task<int> RunScenarioAsync(IServiceProvider services, (string Label, string Json) source, string? output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var runs = services.GetRequiredService<RunManager>();
        var validated = runs.Validate(source.Json);
        if (!validated.IsValid)
        {
            await stderr.WriteLineAsync($"error: {source.Label} is not a valid scenario:");
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

        // A scenario with designs runs each design in turn: each gets its summary and files.
        var passed = true;
        for (ManagedRun? current = run; current is not null; current = await runs.NextInSeriesAsync(current))
        {
            if (current.Series is { } series)
            {
                await stdout.WriteLineAsync($"design {series.Index + 1} of {series.Designs.Count}: {series.Design}");
            }

            passed &= await FollowRunAsync(services, current, progress, output, stdout, cancellationToken);
        }

        runs.SnapshotPublished -= progress.OnSnapshot;
        return passed ? CommandLineEntry.Passed : CommandLineEntry.ThresholdsFailed;
    }

    /// <summary>Shows one run's progress until it ends, then its summary and files; true when it passed.</summary>
    private static async Task<bool> FollowRunAsync(IServiceProvider services, ManagedRun run, ProgressLine progress, string? output, TextWriter stdout, CancellationToken cancellationToken)
    {
        progress.Begin(run);
        // Ctrl+C stops the run gracefully (its summary still prints); the process ends after.
        using var stopOnCancel = cancellationToken.Register(run.Stop);
        var info = await run.Ended;
        progress.End();

        await SummaryTable.WriteAsync(stdout, run, info);
        if (output is not null)
        {
            var record = LiveRunRecords.Record(run, services.GetRequiredService<RunEnvironment>());
            // The latency log is read from the store: everything the recorder queued is written first.
            await services.GetRequiredService<RunRecorder>().FlushAsync(TimeSpan.FromSeconds(10));
            var latency = services.GetRequiredService<RunHistory>().LatencyIntervals(run.Id);
            var written = await RunFiles.WriteAsync(record, latency, output, CancellationToken.None);
            await stdout.WriteLineAsync($"files: {string.Join(", ", written)}");
        }

        // A run that failed to go on (its target died) or was aborted by a threshold is not a pass.
        return info.Status is RunStatus.Completed or RunStatus.Stopped && info.Passed == true;
    }
}
