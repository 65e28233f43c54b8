using System.Globalization;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Cli;

/// <summary>
/// The live progress line of a headless run: rewritten in place on a terminal, one line per
/// interval when the output is redirected (so logs stay readable).
/// </summary>
internal sealed class ProgressLine(TextWriter output, bool interactive)
{
    private readonly Lock _gate = new();
    private string? _runId;
    private int _lastLength;

    public void Begin(ManagedRun run)
    {
        lock (_gate)
        {
            _runId = run.Id;
            var warmUp = run.WarmUpSeconds > 0 ? $" ({run.WarmUpSeconds:0.#} s of warm-up first, not counted)" : "";
            output.WriteLine($"run {run.Id}: scenario '{run.Scenario.Name}' against {run.Target} for {run.PlannedSeconds:0.#} s{warmUp}");
        }
    }

    public void OnSnapshot(RunSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_runId is not null && snapshot.RunId != _runId)
            {
                return;
            }

            var line = Format(snapshot);
            if (interactive)
            {
                output.Write("\r" + line.PadRight(_lastLength));
                _lastLength = line.Length;
            }
            else
            {
                output.WriteLine(line);
            }

            output.Flush();
        }
    }

    public void End()
    {
        lock (_gate)
        {
            if (interactive && _lastLength > 0)
            {
                output.WriteLine();
            }
        }
    }

    internal static string Format(RunSnapshot s)
    {
        var target = s.TargetRate is { } rate ? $"{rate:0.#}/s" : s.TargetUsers is { } users ? $"{users} users" : "";
        var waiting = s.Tasks.Overall.Count > 0 ? $" waiting p99 {s.Tasks.Overall.Waiting.P99Ms:0.##}ms" : "";
        var loop = s.Loop is { } l ? $" | loop {l.Utilization * 100:0}%{waiting}" : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{s.ElapsedSeconds,6:0.0}s {s.Progress * 100,3:0}%] {s.Phase} {target} | {s.Load.ThroughputPerSecond:0.#} req/s err {s.Load.ErrorRate * 100:0.##}% | p50 {s.Load.Corrected.P50Ms:0.##}ms p99 {s.Load.Corrected.P99Ms:0.##}ms{loop}");
    }
}
