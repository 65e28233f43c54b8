using System.Text.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Trace;

/// <summary>
/// Sampled tasks as Chrome trace events (the JSON object format Perfetto and chrome://tracing
/// open): one thread per task, named after it; a complete event ("X") for its whole life and one
/// per awake / waiting / asleep span inside it. Timestamps in microseconds since the run began.
/// </summary>
internal sealed class TraceExporter : RunExporterBase
{
    private const int ProcessId = 1;

    public override string ApiFile => "trace.json";

    public override string ContentType => "application/json; charset=utf-8";

    protected override string Extension => ".trace.json";

    public override void Export(RunRecord run, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteStartArray("traceEvents");
        Metadata(json, "process_name", 0, "name", $"run {run.Info.Id} · {run.Info.Scenario}");
        var tasks = ReportFigures.Samples(run)
            .DistinctBy(s => s.Task.Id)
            .Select(s => (s.Sequence, s.Task, StartUs: StartMicros(run, s.Sequence, s.Task)))
            .OrderBy(t => t.StartUs)
            .ThenBy(t => t.Task.Id)
            .ToArray();
        for (var i = 0; i < tasks.Length; i++)
        {
            var (sequence, task, startUs) = tasks[i];
            var tid = i + 1;
            Metadata(json, "thread_name", tid, "name", $"{task.Name} #{task.Id}");
            Metadata(json, "thread_sort_index", tid, "sort_index", tid);
            Complete(json, $"{task.Name} ({task.Kind})", "task", tid, startUs, task.LifetimeMs * 1000, task, sequence);
            foreach (var span in task.Timeline)
            {
                Complete(json, span.State, span.State, tid, startUs + (span.StartMs * 1000), span.DurationMs * 1000, task, sequence);
            }
        }

        json.WriteEndArray();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteStartObject("otherData");
        json.WriteString("runId", run.Info.Id);
        json.WriteString("scenario", run.Info.Scenario);
        json.WriteString("startedAt", ReportFormat.Iso(run.Info.StartedAt));
        json.WriteString("note", "sampled tasks only: each interval's slowest and a few random ones");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Where the task began, in µs since the run began. Samples stored before tasks carried their
    /// creation time are placed to end with their interval.
    /// </summary>
    private static double StartMicros(RunRecord run, long sequence, TaskSample task)
    {
        if (task.CreatedAtMs is { } created)
        {
            return Math.Round(created * 1000, 3);
        }

        var end = run.Snapshots.FirstOrDefault(s => s.Sequence == sequence)?.ElapsedSeconds ?? 0;
        return Math.Round(Math.Max(0, (end * 1_000_000) - (task.LifetimeMs * 1000)), 3);
    }

    private static void Metadata<T>(Utf8JsonWriter json, string name, int tid, string argName, T value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ph", "M");
        json.WriteNumber("pid", ProcessId);
        json.WriteNumber("tid", tid);
        json.WriteStartObject("args");
        if (value is int number)
        {
            json.WriteNumber(argName, number);
        }
        else
        {
            json.WriteString(argName, value?.ToString());
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Complete(Utf8JsonWriter json, string name, string category, int tid, double startUs, double durationUs, TaskSample task, long sequence)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("cat", category);
        json.WriteString("ph", "X");
        json.WriteNumber("ts", Math.Round(startUs, 3));
        json.WriteNumber("dur", Math.Round(durationUs, 3));
        json.WriteNumber("pid", ProcessId);
        json.WriteNumber("tid", tid);
        json.WriteStartObject("args");
        json.WriteNumber("taskId", task.Id);
        json.WriteNumber("parentId", task.ParentId);
        json.WriteString("kind", task.Kind);
        json.WriteString("reason", task.Reason);
        json.WriteNumber("interval", sequence);
        if (task.CorrelationId is { } correlation)
        {
            json.WriteString("correlationId", correlation);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
