using Dashboard.Client.Comparing;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>
/// A design series side by side (a scenario with <c>designs</c>): one column per design, one row per
/// figure, each design's name linking to its run. Prerendered, then interactive over the circuit:
/// while the series runs it is read again every <see cref="DashboardUiOptions.LiveRefresh"/>, so each
/// design's column fills in as its run ends and the next one starts.
/// </summary>
public partial class Series : IDisposable
{
    private readonly CancellationTokenSource _closed = new();

    [Parameter]
    public string SeriesId { get; set; } = "";

    [Inject]
    private IRunDirectory Directory { get; set; } = default!;

    [Inject]
    private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;

    /// <summary>The request being answered (null when rendered outside a request, as in tests).</summary>
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    private DesignSeries? Current { get; set; }

    private IReadOnlyList<SeriesRow> Rows { get; set; } = [];

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }

    protected override void OnParametersSet()
    {
        Read();
        if (Current is null)
        {
            NotFoundStatus.Set(HttpContext);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && Current is { Running: true })
        {
            _ = FollowAsync(_closed.Token);
        }
    }

    private void Read()
    {
        Current = Directory.FindSeries(SeriesId);
        Rows = Current is null ? [] : SeriesRows.Of(Current);
    }

    /// <summary>Reads the series again at every refresh while it runs, then once more when it has ended.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(UiOptions.Value.LiveRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    Read();
                    StateHasChanged();
                });
                if (Current is not { Running: true })
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The viewer left.
        }
    }
}
