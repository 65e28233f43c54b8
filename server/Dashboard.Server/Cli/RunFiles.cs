using System.Text.Json;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Cli;

/// <summary>
/// The files a run leaves in <c>--out DIR</c>: its summary (info, scenario, engine summary) and
/// its interval snapshots, as JSON named after the run.
/// </summary>
internal static class RunFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<IReadOnlyList<string>> WriteAsync(ManagedRun run, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var summaryPath = Path.Combine(directory, $"run-{run.Id}-summary.json");
        var snapshotsPath = Path.Combine(directory, $"run-{run.Id}-snapshots.json");
        await File.WriteAllTextAsync(
            summaryPath,
            JsonSerializer.Serialize(new { run = run.Info(), scenario = run.Scenario, summary = run.Summary, requestTasks = run.Window.RequestBreakdown() }, Json),
            cancellationToken);
        await File.WriteAllTextAsync(snapshotsPath, JsonSerializer.Serialize(run.History(), Json), cancellationToken);
        return [summaryPath, snapshotsPath];
    }
}
