using System.Globalization;
using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>
/// The loop page, rendered on the server with the figures of the moment (so it reads without
/// JavaScript); js/widgets/loopOverview.js then refreshes the same elements in place.
/// </summary>
public partial class LoopOverview
{
    [Inject]
    private ILoopStatusSource Source { get; set; } = default!;

    [Inject]
    private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;

    private DashboardUiOptions Options => UiOptions.Value;

    private LoopStatus Status { get; set; } = default!;

    private LoopInterval? Latest => Status.Latest;

    private IReadOnlyList<SlowStepInfo> SlowSteps { get; set; } = [];

    private IReadOnlyList<TaskKindBreakdown> Kinds { get; set; } = [];

    private string RefreshMilliseconds =>
        ((long)Options.LoopRefreshInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private string KindsNote => Status.Kinds.Count > Kinds.Count
        ? $"Showing the {FigureFormat.Count(Kinds.Count)} most frequent of {FigureFormat.Count(Status.Kinds.Count)} kinds."
        : "";

    protected override void OnInitialized()
    {
        Status = Source.Status();
        SlowSteps = (Latest?.SlowSteps ?? []).Take(Options.MaxSlowStepRows).ToArray();
        Kinds = Status.Kinds.OrderByDescending(k => k.Count).Take(Options.MaxKindRows).ToArray();
    }
}
