using System.Globalization;
using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>
/// A run's live page, rendered on the server from the run's info and recent snapshots (so it
/// reads without JavaScript); js/widgets/liveRun.js then follows the run on the live hub and
/// rewrites the same elements in place. Stop and change work as plain forms too.
/// </summary>
public partial class LiveRun
{
    [Parameter]
    public string RunId { get; set; } = "";

    [Inject]
    private IRunDirectory Directory { get; set; } = default!;

    [Inject]
    private IRunControl Control { get; set; } = default!;

    [Inject]
    private IWhatIfPredictor WhatIfPredictor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [SupplyParameterFromForm(FormName = "change", Name = "Change")]
    private RunChangeForm? ChangeForm { get; set; }

    /// <summary>The what-if form's rate as typed (a plain GET form, so the page answers without JavaScript).</summary>
    [SupplyParameterFromQuery(Name = "whatIf")]
    private string? WhatIf { get; set; }

    private DashboardUiOptions Options => UiOptions.Value;

    private WhatIfAnswer? WhatIfAnswer { get; set; }

    /// <summary>The sweep so far: the newest snapshot's while running, the run's final one once ended.</summary>
    private SweepReport? Sweep { get; set; }

    private string Assumptions { get; set; } = "";

    private RunDetails? Run { get; set; }

    private RunSnapshot? Latest { get; set; }

    private bool Running => Run?.Info.Status == RunStatus.Running;

    private IReadOnlyList<TaskKindBreakdown> Kinds { get; set; } = [];

    private IReadOnlyList<TaskSample> Slowest { get; set; } = [];

    private IReadOnlyList<TaskSample> Recent { get; set; } = [];

    private IReadOnlyList<ThresholdState> Thresholds { get; set; } = [];

    private IReadOnlyList<string> ChangeErrors { get; set; } = [];

    private string? ControlMessage { get; set; }

    /// <summary>Whether the change form sets a rate (open model) or users (closed model).</summary>
    private bool ChangesRate { get; set; } = true;

    private double Elapsed => Running && Latest is not null ? Latest.ElapsedSeconds : Run?.Info.ElapsedSeconds ?? 0;

    private double Progress => Run is { Info.PlannedSeconds: > 0 } run ? Math.Clamp(Elapsed / run.Info.PlannedSeconds, 0, 1) : 0;

    private string TargetValue => Latest switch
    {
        { TargetRate: { } rate } => FigureFormat.Compact(rate),
        { TargetUsers: { } users } => FigureFormat.Count(users),
        _ => FigureFormat.Missing,
    };

    private string TargetUnit => Latest switch
    {
        { TargetRate: not null } => "requests/s",
        { TargetUsers: not null } => "users",
        _ => "",
    };

    private string RedrawMilliseconds => Invariant(Math.Round(Options.LiveRedrawInterval.TotalMilliseconds));

    protected override void OnParametersSet()
    {
        ChangeForm ??= new RunChangeForm();
        Run = Directory.Find(RunId);
        if (Run is null)
        {
            NotFoundStatus.Set(HttpContext);
            return;
        }

        Latest = Run.History.Count > 0 ? Run.History[^1] : null;
        Kinds = (Latest?.Tasks.Kinds ?? []).OrderByDescending(k => k.Count).Take(Options.MaxKindRows).ToArray();
        var samples = Run.History.Reverse().Select(s => s.Samples).FirstOrDefault(s => s.Count > 0) ?? [];
        Slowest = samples.Where(s => s.Reason == "slowest").OrderByDescending(s => s.LifetimeMs).Take(Options.MaxSampleRows).ToArray();
        Recent = Run.History.Reverse().SelectMany(s => s.Samples.Where(x => x.Reason != "slowest")).Take(Options.MaxSampleRows).ToArray();
        Thresholds = Latest?.Thresholds
            ?? (Run.Scenario.Thresholds ?? []).Select(t => new ThresholdState(t.Expression, null, null, null)).ToArray();
        Sweep = Running ? Latest?.Sweep ?? Run.Info.Sweep : Run.Info.Sweep ?? Latest?.Sweep;
        Assumptions = QueueingAssumptions.Describe(QueueingAssumptions.ArrivalCv2(Run.Scenario.Arrivals));
        WhatIfAnswer = WhatIf is null ? null : WhatIfPredictor.Predict(RunId, WhatIf);
        ChangesRate = Latest switch
        {
            { TargetRate: not null } => true,
            { TargetUsers: not null } => false,
            _ => Run.Scenario.Phases is not { Count: > 0 } phases || phases[0].KeepConstant is null && phases[0].RampingConstant is null,
        };
    }

    private void StopRun()
    {
        if (Control.Stop(RunId) is null)
        {
            ControlMessage = $"no run with id '{RunId}'";
            return;
        }

        // Post, redirect, get: a reload does not post the stop again.
        Navigation.NavigateTo(Links.Run(RunId));
    }

    private void ChangeRun()
    {
        var form = ChangeForm!;
        var errors = new List<string>();
        var change = new RunChange
        {
            Rate = ParseOrNote<double>(form.Rate, "rate", errors, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null),
            Users = ParseOrNote<int>(form.Users, "users", errors, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null),
        };
        if (errors.Count == 0)
        {
            errors.AddRange(Control.Change(RunId, change).Select(e => e.Path.Length == 0 ? e.Message : $"{e.Path}: {e.Message}"));
        }

        if (errors.Count > 0)
        {
            ChangeErrors = errors;
            return;
        }

        Navigation.NavigateTo(Links.Run(RunId));
    }

    private static T? ParseOrNote<T>(string? text, string field, List<string> errors, Func<string, T?> parse)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = parse(text.Trim());
        if (value is null)
        {
            errors.Add($"{field}: expected a number, got '{text.Trim()}'");
        }

        return value;
    }

    private string Figure(Func<RunSnapshot, double> read) => Latest is null ? FigureFormat.Missing : FigureFormat.Adaptive(read(Latest));

    /// <summary>An interval in which no request ended has no latency (not 0 ms).</summary>
    private string LatencyFigure(Func<RunSnapshot, double> read) =>
        Latest is { Load.Requests: > 0 } ? FigureFormat.Adaptive(read(Latest)) : FigureFormat.Missing;

    internal static string ThresholdWord(bool? passed) => passed switch
    {
        true => "pass",
        false => "fail",
        null => "pending",
    };

    private static string ThresholdClass(bool? passed) => RunText.VerdictClass(passed);

    private static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
