using Dashboard.Client.Formatting;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>The runs page: the run history with each run's key figures, rendered on the server.</summary>
public partial class Runs
{
    [Inject]
    private IRunDirectory Directory { get; set; } = default!;

    [Inject]
    private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;

    private IReadOnlyList<RunInfo> All { get; set; } = [];

    private IReadOnlyList<RunInfo> Shown { get; set; } = [];

    protected override void OnInitialized()
    {
        All = Directory.List();
        Shown = All.Take(UiOptions.Value.MaxRunRows).ToArray();
    }

    /// <summary>A latency of a run without requests is not 0 ms: it does not exist.</summary>
    private static string Milliseconds(double value, long requests) =>
        requests > 0 ? FigureFormat.Adaptive(value) : FigureFormat.Missing;
}
