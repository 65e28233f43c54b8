using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Statistics;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Json;

/// <summary>Everything about a run in one JSON document, for scripts (camelCase, indented, versioned by <see cref="JsonRunReport.Format"/>).</summary>
internal sealed class JsonReportExporter : RunExporterBase
{
    // Infinite predictions (a saturated loop) are written as "Infinity", which JSON has no number for.
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public override string ApiFile => "report.json";

    public override string ContentType => "application/json; charset=utf-8";

    protected override string Extension => ".json";

    public override void Export(RunRecord run, Stream output) =>
        JsonSerializer.Serialize(output, JsonRunReport.From(run), Options);
}

/// <summary>The document <c>report.json</c> holds.</summary>
internal sealed record JsonRunReport
{
    public const string FormatName = "loop-dashboard.run-report/1";

    public string Format { get; init; } = FormatName;

    public required RunInfo Run { get; init; }

    public required ScenarioDefinition Scenario { get; init; }

    public RunSummary? Summary { get; init; }

    public required RunEnvironment Environment { get; init; }

    public required RunDistributions Distributions { get; init; }

    public TaskKindBreakdown? RequestTasks { get; init; }

    /// <summary>Per task kind over the stored intervals (as in the HTML and CSV reports).</summary>
    public required IReadOnlyList<KindTotals> TaskKinds { get; init; }

    public required IReadOnlyList<FailureCount> Failures { get; init; }

    /// <summary>The stored intervals, oldest first, each with its sampled tasks and their spans.</summary>
    public required IReadOnlyList<RunSnapshot> Snapshots { get; init; }

    public static JsonRunReport From(RunRecord run) => new()
    {
        Run = run.Info,
        Scenario = run.Header.Scenario,
        Summary = run.Header.Summary,
        Environment = run.Header.Environment,
        Distributions = run.Header.Distributions,
        RequestTasks = run.Header.RequestTasks,
        TaskKinds = ReportFigures.TaskKinds(run),
        Failures = ReportFigures.Failures(run),
        Snapshots = run.Snapshots,
    };
}
