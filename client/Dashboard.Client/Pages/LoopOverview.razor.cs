using Dashboard.Client.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>
/// The loop page: the loop's latest interval, its recent intervals drawn, its slow steps and
/// where the time went per kind. Prerendered with the figures of the moment, then live over the
/// circuit from the shared <see cref="LoopView"/> feed (client/README.md describes the pattern).
/// </summary>
public partial class LoopOverview
{
    [Inject]
    private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;

    private DashboardUiOptions Options => UiOptions.Value;

    /// <summary>The per-kind table shown once per loop (several loops only); this viewer's choice, kept while the page is open.</summary>
    private bool SplitByLoop { get; set; }
}
