using Dashboard.Client.Comparing;
using Dashboard.Client.Formatting;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>
/// Compare two runs, interactive over the circuit: search the history (scenario or id, status,
/// day), pick A and B, and read their key figures side by side with the difference, their
/// thresholds, and their charts on one time axis. The address says which two
/// (<c>compare?a=…&amp;b=…</c>), so a comparison has a link of its own; the figures are the
/// host's (<see cref="IRunComparisonSource"/>), the same as the API's and the HTML report's.
/// </summary>
public partial class Compare
{
    [Inject]
    private IRunComparisonSource Source { get; set; } = default!;

    [Inject]
    private IRunDirectory Directory { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "a")]
    private string? QueryA { get; set; }

    [SupplyParameterFromQuery(Name = "b")]
    private string? QueryB { get; set; }

    private DashboardUiOptions Options => UiOptions.Value;

    private IReadOnlyList<RunInfo> Runs { get; set; } = [];

    private RunFilter Filter { get; set; } = RunFilter.Any;

    /// <summary>The runs the search matches, newest first, at most DashboardUi:MaxRunRows; the picked two always among them.</summary>
    private IReadOnlyList<RunInfo> Shown { get; set; } = [];

    private int Matching { get; set; }

    private string? A { get; set; }

    private string? B { get; set; }

    private RunComparison? Result { get; set; }

    private CompareCharts Charts { get; set; } = CompareCharts.Empty;

    private string? Problem { get; set; }

    private int ChartPoints => CompareCharts.PointsFor(Options.ChartWindowPoints);

    private string ReportLink =>
        $"api/compare.html?a={Uri.EscapeDataString(A ?? "")}&b={Uri.EscapeDataString(B ?? "")}";

    private string MatchesText =>
        (Filter.IsEmpty ? $"{FigureFormat.Count(Runs.Count)} runs" : $"{FigureFormat.Count(Matching)} of {FigureFormat.Count(Runs.Count)} runs match")
        + (Matching > Options.MaxRunRows ? $"; the newest {FigureFormat.Count(Options.MaxRunRows)} are listed" : "");

    protected override async Task OnInitializedAsync()
    {
        Runs = await Source.ListRunsAsync(CancellationToken.None);
        ApplyFilter();
    }

    protected override async Task OnParametersSetAsync()
    {
        var (a, b) = (Blank(QueryA), Blank(QueryB));
        if (a is null && b is null)
        {
            if (A is null && B is null)
            {
                // Nothing picked yet: offer the two newest runs, the older as A.
                await ShowAsync(Runs.Count > 1 ? Runs[1].Id : Runs.FirstOrDefault()?.Id, Runs.FirstOrDefault()?.Id);
            }

            return;
        }

        if (a != A || b != B)
        {
            await ShowAsync(a, b);
        }
    }

    /// <summary>A picked run: compared at once, and the address says so (no new history entry per click).</summary>
    private async Task PickAsync(string? a, string? b)
    {
        await ShowAsync(a, b);
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["a"] = a, ["b"] = b });
        Navigation.NavigateTo(uri, new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private async Task ShowAsync(string? a, string? b)
    {
        (A, B) = (a, b);
        Result = null;
        Charts = CompareCharts.Empty;
        Problem = null;
        if (a is null || b is null)
        {
            Problem = Runs.Count < 2 && Runs.Count > 0 ? "Only one run is kept: launch another to compare it with." : Runs.Count == 0 ? null : "Pick two runs, A and B.";
            ApplyFilter();
            return;
        }

        Result = await Source.CompareAsync(a, b, CancellationToken.None);
        if (Result is null)
        {
            var unknown = new[] { a, b }.Where(id => Directory.Find(id) is null).DefaultIfEmpty(a);
            Problem = $"Run {string.Join(" and ", unknown)} is not known (any more): pick another.";
        }
        else
        {
            Charts = CompareCharts.Of(Directory.Find(a)?.History ?? [], Directory.Find(b)?.History ?? [], Options.ChartWindowPoints);
        }

        ApplyFilter();
    }

    private void FilterText(ChangeEventArgs change) => SetFilter(Filter with { Text = change.Value as string });

    private void FilterStatus(ChangeEventArgs change) => SetFilter(Filter with { Status = RunFilter.ParseStatus(change.Value as string) });

    private void FilterDay(ChangeEventArgs change) => SetFilter(Filter with { Day = RunFilter.ParseDay(change.Value as string) });

    private void SetFilter(RunFilter filter)
    {
        Filter = filter;
        ApplyFilter();
    }

    private void ApplyFilter()
    {
        var matching = Runs.Where(Filter.Matches).ToArray();
        Matching = matching.Length;
        // The picked runs stay listed whatever the search, so the pair is always in view.
        Shown = Runs.Where(r => r.Id == A || r.Id == B)
            .Concat(matching.Take(Options.MaxRunRows))
            .DistinctBy(r => r.Id)
            .OrderByDescending(r => r.StartedAt)
            .ToArray();
    }

    private string RowClass(RunInfo run) => run.Id == A ? "picked picked-a" : run.Id == B ? "picked picked-b" : Filter.Matches(run) ? "" : "unmatched";

    /// <summary>The colour of run A's or B's lines, for what marks that run (a picked row, the run a figure favours).</summary>
    private static string? LineStyle(string run) => run switch
    {
        "A" => $"--line: {CompareCharts.ColorA}",
        "B" => $"--line: {CompareCharts.ColorB}",
        _ => null,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Value(double? value) => value is { } v ? FigureFormat.Adaptive(v) : FigureFormat.Missing;

    private static string Change(double? relative) => relative is { } r ? FigureFormat.Percent(r) + "%" : FigureFormat.Missing;

    private static string ThresholdText(ThresholdState? state) => state is null ? "not set" : state.Passed switch
    {
        true => "pass",
        false => "fail",
        null => "not judged",
    };

    private static string ThresholdClass(ThresholdState? state) => RunText.VerdictClass(state?.Passed);
}
