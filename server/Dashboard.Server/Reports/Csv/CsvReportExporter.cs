using System.IO.Compression;
using System.Text;
using Dashboard.Contracts.Runs;
using Dashboard.Load.Statistics;
using Dashboard.Server.History;
using static Dashboard.Server.Reports.ReportFormat;

namespace Dashboard.Server.Reports.Csv;

/// <summary>
/// The run as a zip of CSV files shaped like Locust's (<c>_stats</c>, <c>_stats_history</c>,
/// <c>_failures</c>), plus this project's own: task kinds, sampled tasks with their three times,
/// thresholds, and a sweep's steps when the run swept. Times in milliseconds.
/// </summary>
internal sealed class CsvReportExporter : RunExporterBase
{
    public const string Requests = "requests.csv";
    public const string History = "history.csv";
    public const string Failures = "failures.csv";
    public const string TaskKinds = "task-kinds.csv";
    public const string Tasks = "tasks.csv";
    public const string Loops = "loops.csv";
    public const string Thresholds = "thresholds.csv";

    /// <summary>One row per sweep step; only in the zip of a run with a sweep.</summary>
    public const string Sweep = "sweep.csv";
    public const string Agents = "agents.csv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public override string ApiFile => "report.csv.zip";

    public override string ContentType => "application/zip";

    protected override string Extension => ".csv.zip";

    public override void Export(RunRecord run, Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, text) in Files(run))
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            // The run's start, not the clock: the same run always zips to the same bytes.
            entry.LastWriteTime = run.Info.StartedAt;
            using var stream = entry.Open();
            stream.Write(Utf8.GetBytes(text));
        }
    }

    /// <summary>Each file's name and text, in the zip's order.</summary>
    public static IReadOnlyList<(string Name, string Text)> Files(RunRecord run) =>
    [
        (Requests, RequestsCsv(run)),
        (History, HistoryCsv(run)),
        (Failures, FailuresCsv(run)),
        (TaskKinds, TaskKindsCsv(run)),
        (Tasks, TasksCsv(run)),
        (Thresholds, ThresholdsCsv(run)),
        .. RunSeries.LoopCount(run) > 1 ? [(Loops, LoopsCsv(run))] : Array.Empty<(string, string)>(),
        .. run.Info.Sweep is { } sweep ? [(Sweep, SweepCsv(sweep))] : Array.Empty<(string, string)>(),
        .. run.Info.Agents is { Count: > 0 } agents ? [(Agents, AgentsCsv(agents))] : Array.Empty<(string, string)>(),
    ];

    /// <summary>A run on agents: which agent did what, in the live page's columns (numbers plain: share and errors as fractions).</summary>
    private static string AgentsCsv(IReadOnlyList<RunAgent> agents)
    {
        var csv = new CsvWriter().Row([.. RunAgentText.Columns]);
        foreach (var agent in agents)
        {
            csv.Row(
                agent.Name,
                agent.Host,
                agent.State,
                Number(agent.Share),
                ReportFormat.Integer(agent.Requests),
                Number(agent.ThroughputPerSecond),
                Number(agent.ErrorRate),
                Number(agent.LatencyP99Ms),
                Number(agent.SendLatenessP99Ms),
                Number(agent.ClockOffsetMs),
                ReportFormat.Integer(agent.Intervals),
                agent.Message);
        }

        return csv.ToString();
    }

    private static string RequestsCsv(RunRecord run)
    {
        var csv = new CsvWriter().Row(
            "Name", "Request Count", "Success Count", "Failure Count", "Dropped", "Median Response Time", "Average Response Time",
            "Min Response Time", "Max Response Time", "Requests/s", "Failures/s", "50%", "75%", "90%", "95%", "99%", "99.9%", "100%");
        if (run.Header.Summary is not { } summary)
        {
            return csv.ToString();
        }

        var seconds = summary.DurationSeconds;
        foreach (var kind in summary.Load.Kinds)
        {
            LatencyRow(csv, kind.Name, kind.Requests, kind.Successes, kind.Failures, kind.Dropped, kind.Latency, seconds);
        }

        var load = summary.Load;
        LatencyRow(csv, "Aggregated", load.Requests, load.Successes, load.Failures, load.Dropped, load.Latency, seconds);
        return csv.ToString();
    }

    private static void LatencyRow(CsvWriter csv, string name, long requests, long successes, long failures, long dropped, LatencySummary latency, double seconds) =>
        csv.Row(
            name, Integer(requests), Integer(successes), Integer(failures), Integer(dropped), Number(latency.P50), Number(latency.Mean),
            Number(latency.Min), Number(latency.Max), Number(seconds > 0 ? requests / seconds : 0), Number(seconds > 0 ? failures / seconds : 0),
            Number(latency.P50), Number(latency.P75), Number(latency.P90), Number(latency.P95), Number(latency.P99), Number(latency.P999), Number(latency.Max));

    private static string HistoryCsv(RunRecord run)
    {
        var csv = new CsvWriter().Row(
            "Timestamp", "Sequence", "Elapsed s", "Phase", "Target Rate", "Target Users", "Requests", "Failures", "Requests/s", "Failures/s",
            "p50", "p90", "p99", "Max", "Raw p50", "Raw p99", "In Flight", "Dropped", "Utilization %", "Ready Depth Max", "Ready Depth Mean",
            "Timer Lag p99", "Tasks Completed", "Awake Sum", "Waiting Sum", "Asleep Sum", "Waiting p50", "Waiting p99", "Waiting Max");
        foreach (var s in run.Snapshots)
        {
            var tasks = s.Tasks.Overall;
            csv.Row(
                Iso(s.At), Integer(s.Sequence), Number(s.ElapsedSeconds), s.Phase, Number(s.TargetRate), s.TargetUsers?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Integer(s.Load.Requests), Integer(s.Load.Failures), Number(s.Load.ThroughputPerSecond), Number(RunSeries.FailuresPerSecond(s)),
                Number(s.Load.Corrected.P50Ms), Number(s.Load.Corrected.P90Ms), Number(s.Load.Corrected.P99Ms), Number(s.Load.Corrected.MaxMs),
                Number(s.Load.Raw.P50Ms), Number(s.Load.Raw.P99Ms), Integer(s.Load.InFlight), Integer(s.Load.Dropped),
                Number(RunSeries.UtilizationPercent(s)), s.Loop is { } loop ? Integer(loop.ReadyDepthMax) : "", Number(s.Loop?.ReadyDepthMean), Number(s.Loop?.TimerLagP99Ms),
                Integer(tasks.Count), Number(tasks.Awake.SumMs), Number(tasks.Waiting.SumMs), Number(tasks.Asleep.SumMs),
                Number(tasks.Waiting.P50Ms), Number(tasks.Waiting.P99Ms), Number(tasks.Waiting.MaxMs));
        }

        return csv.ToString();
    }

    /// <summary>A run spread over several loops: one row per interval and loop, the loop's own figures and its tasks' waiting.</summary>
    private static string LoopsCsv(RunRecord run)
    {
        var csv = new CsvWriter().Row(
            "Timestamp", "Sequence", "Elapsed s", "Loop", "Utilization %", "Steps/s", "Ready Depth Max", "Ready Depth Mean", "Timer Lag p99",
            "Slow Steps", "Tasks Completed", "Waiting Mean", "Waiting p99", "Waiting Max");
        foreach (var s in run.Snapshots)
        {
            foreach (var loop in s.Loop?.Loops ?? [])
            {
                var index = loop.Loop ?? 0;
                var tasks = RunSeries.TasksOf(s, index);
                csv.Row(
                    Iso(s.At), Integer(s.Sequence), Number(s.ElapsedSeconds), Integer(index), Number(100 * loop.Utilization), Number(loop.StepsPerSecond),
                    Integer(loop.ReadyDepthMax), Number(loop.ReadyDepthMean), Number(loop.TimerLagP99Ms), Integer(loop.SlowStepCount),
                    Integer(tasks?.Count ?? 0), Number(tasks?.Waiting.MeanMs), Number(tasks?.Waiting.P99Ms), Number(tasks?.Waiting.MaxMs));
            }
        }

        return csv.ToString();
    }

    private static string FailuresCsv(RunRecord run)
    {
        var csv = new CsvWriter().Row("Type", "Error", "Occurrences");
        foreach (var failure in ReportFigures.Failures(run))
        {
            csv.Row(failure.Type, failure.Name, Integer(failure.Occurrences));
        }

        return csv.ToString();
    }

    private static string TaskKindsCsv(RunRecord run)
    {
        var csv = new CsvWriter().Row("Kind", "Tasks", "Faulted", "Cancelled", "Awake Sum", "Waiting Sum", "Asleep Sum", "Awake Share", "Waiting Share", "Asleep Share", "Worst Interval Waiting p99", "Waiting Max");
        foreach (var kind in ReportFigures.TaskKinds(run))
        {
            csv.Row(
                kind.Kind, Integer(kind.Count), Integer(kind.Faulted), Integer(kind.Cancelled), Number(kind.AwakeMs), Number(kind.WaitingMs), Number(kind.AsleepMs),
                Number(kind.Share(kind.AwakeMs)), Number(kind.Share(kind.WaitingMs)), Number(kind.Share(kind.AsleepMs)), Number(kind.WorstWaitingP99Ms), Number(kind.WaitingMaxMs));
        }

        return csv.ToString();
    }

    private static string TasksCsv(RunRecord run)
    {
        var csv = new CsvWriter().Row(
            "Interval", "Task Id", "Parent Id", "Name", "Kind", "Loop", "Reason", "Correlation Id", "Outcome", "Created At ms",
            "Lifetime", "Awake", "Waiting", "Asleep", "Timer Lateness", "Steps", "Longest Step", "Spans");
        foreach (var (sequence, task) in ReportFigures.Samples(run))
        {
            csv.Row(
                Integer(sequence), Integer(task.Id), Integer(task.ParentId), task.Name, task.Kind, Integer(task.Loop), task.Reason, task.CorrelationId, task.Outcome, Number(task.CreatedAtMs),
                Number(task.LifetimeMs), Number(task.AwakeMs), Number(task.WaitingMs), Number(task.AsleepMs), Number(task.TimerLatenessMs),
                Integer(task.Steps), Number(task.LongestStepMs), Integer(task.Timeline.Count));
        }

        return csv.ToString();
    }

    private static string ThresholdsCsv(RunRecord run)
    {
        var csv = new CsvWriter().Row("Threshold", "Metric", "Actual", "Passed", "Message");
        foreach (var threshold in run.Header.Summary?.Thresholds ?? [])
        {
            csv.Row(threshold.Expression, threshold.Metric, Number(threshold.Actual), threshold.Passed ? "true" : "false", threshold.Message);
        }

        return csv.ToString();
    }

    private static string SweepCsv(SweepReport sweep)
    {
        var csv = new CsvWriter().Row(
            "Index", "Offered Rate", "Achieved Rate", "Seconds", "Complete", "Requests", "Utilization",
            "Waiting Mean", "Waiting p50", "Waiting p99", "Awake Mean", "Awake p50", "Awake p99", "Latency Mean", "Latency p50", "Latency p99",
            "Backlog Start", "Backlog End", "Backlog Growth/s", "Waiting Growth ms/s", "Predicted M/G/1", "Predicted Kingman", "Within Budget", "Saturated");
        foreach (var step in sweep.Steps)
        {
            // An empty prediction cell is "no prediction"; a prediction without steady state (ρ ≥ 1) is written "inf".
            csv.Row(
                Integer(step.Index), Number(step.OfferedRate), Number(step.AchievedRate), Number(step.Seconds), Bool(step.Complete), Integer(step.Requests), Number(step.Utilization),
                Number(step.Waiting.MeanMs), Number(step.Waiting.P50Ms), Number(step.Waiting.P99Ms), Number(step.Awake.MeanMs), Number(step.Awake.P50Ms), Number(step.Awake.P99Ms),
                Number(step.Latency.MeanMs), Number(step.Latency.P50Ms), Number(step.Latency.P99Ms),
                Integer(step.BacklogStart), Integer(step.BacklogEnd), Number(step.BacklogGrowthPerSecond), Number(step.WaitingGrowthMsPerSecond),
                Predicted(step.Prediction, p => p.PredictedMgOneMs), Predicted(step.Prediction, p => p.PredictedKingmanMs), Bool(step.WithinBudget), Bool(step.Saturated));
        }

        return csv.ToString();
    }

    private static string Predicted(WaitingPrediction? prediction, Func<WaitingPrediction, double?> pick) =>
        prediction is null ? "" : pick(prediction) is { } ms ? Number(ms) : "inf";

    private static string Bool(bool value) => value ? "true" : "false";
}
