using Dashboard.Client.Formatting;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Client.Pages;

/// <summary>
/// Pick two runs (live or stored) and read their key figures side by side. A plain GET form, so
/// the page works without JavaScript and a comparison has a link of its own (<c>compare?a=…&amp;b=…</c>).
/// </summary>
public partial class Compare
{
    /// <summary>Runs offered in the pickers, newest first.</summary>
    public const int MaxRunsListed = 500;

    [Inject]
    private IRunComparisonSource Source { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<RunInfo> Runs { get; set; } = [];

    private string? A { get; set; }

    private string? B { get; set; }

    private RunComparison? Result { get; set; }

    private string? Problem { get; set; }

    private string ReportLink =>
        $"api/compare.html?a={Uri.EscapeDataString(A ?? "")}&b={Uri.EscapeDataString(B ?? "")}";

    protected override async Task OnInitializedAsync()
    {
        Runs = (await Source.ListRunsAsync(CancellationToken.None)).Take(MaxRunsListed).ToArray();
        var query = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        A = query.TryGetValue("a", out var a) ? a.ToString() : null;
        B = query.TryGetValue("b", out var b) ? b.ToString() : null;
        if (string.IsNullOrEmpty(A) && string.IsNullOrEmpty(B))
        {
            // Nothing picked yet: offer the two newest runs, older as A.
            A = Runs.Count > 1 ? Runs[1].Id : Runs.FirstOrDefault()?.Id;
            B = Runs.FirstOrDefault()?.Id;
            return;
        }

        if (string.IsNullOrEmpty(A) || string.IsNullOrEmpty(B))
        {
            Problem = "Pick two runs, A and B.";
            return;
        }

        Result = await Source.CompareAsync(A, B, CancellationToken.None);
        if (Result is null)
        {
            Problem = $"Run {(Runs.Any(r => r.Id == A) ? B : A)} is not known (any more).";
        }
    }

    private static string Label(RunInfo run) =>
        $"{run.Scenario} · {FigureFormat.ClockUtc(run.StartedAt)} · {run.Status} · {run.Id}";

    private static string Value(double? value) => value is { } v ? FigureFormat.Adaptive(v) : FigureFormat.Missing;

    private static string Change(double? relative) => relative is { } r ? FigureFormat.Percent(r) + "%" : FigureFormat.Missing;

    private static string Better(FigureComparison figure) => (figure.Difference, figure.LowerIsBetter) switch
    {
        (null, _) or (_, null) => "",
        ({ } d, _) when d == 0 => "same",
        ({ } d, true) => d < 0 ? "B" : "A",
        ({ } d, false) => d > 0 ? "B" : "A",
    };
}
