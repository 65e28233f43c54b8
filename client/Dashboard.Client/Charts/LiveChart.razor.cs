using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Client.Charts;

/// <summary>
/// A uPlot chart drawn by js/charts.js from a <see cref="ChartWindow"/>. The component renders
/// only when it is handed a new window; the browser then gets the points it has not drawn (or
/// the whole window, after a lost connection or when the window no longer follows what it drew),
/// sent with the other charts' points of the same update in one call (<see cref="ChartInterop"/>).
/// </summary>
public sealed partial class LiveChart : IAsyncDisposable
{
    private ElementReference _element;
    private IJSObjectReference? _chart;
    private ChartWindow? _rendered;
    private ChartWindow? _drawn;
    private bool _disposed;
    private bool _creating;

    [Parameter, EditorRequired]
    public ChartSpec Spec { get; set; } = default!;

    [Parameter, EditorRequired]
    public ChartWindow Data { get; set; } = ChartWindow.Empty;

    /// <summary>Points the browser keeps (DashboardUi:ChartWindowPoints).</summary>
    [Parameter, EditorRequired]
    public int Capacity { get; set; }

    [Inject]
    private ChartInterop Charts { get; set; } = default!;

    private string? LastX => Data.LastX?.ToString("R", CultureInfo.InvariantCulture);

    private string? VeilUntil => Data.Veil?.Until.ToString("R", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_chart is not null)
        {
            await Charts.DisposeChartAsync(_chart);
        }
    }

    // The chart exists already: its new points join the update's one call (sent after the render).
    protected override void OnParametersSet() => QueueNewPoints();

    private void QueueNewPoints()
    {
        if (_chart is null || _disposed || ReferenceEquals(_drawn, Data))
        {
            return;
        }

        var window = Data;
        if (!Spec.ReplaceEachWindow && _drawn?.LastX is { } lastX && window.Count > 0 && window.X[0] <= lastX)
        {
            Charts.Queue(_chart, replace: false, window.ColumnsFrom(window.IndexAfter(lastX)), window.Frame(), Lost);
        }
        else
        {
            Charts.Queue(_chart, replace: true, window.ColumnsFrom(0), window.Frame(), Lost);
        }

        _drawn = window;
    }

    // Parameters of a class type always count as changed: render only for a new window.
    protected override bool ShouldRender() => !ReferenceEquals(_rendered, Data);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        _rendered = Data;
        // Prerendered, there is no browser to draw in yet.
        if (_disposed || !RendererInfo.IsInteractive)
        {
            return;
        }

        if (_chart is null)
        {
            // A render while the chart is being made (a new window arrived) must not make a second one.
            if (_creating)
            {
                return;
            }

            _creating = true;
            var window = Data;
            try
            {
                _chart = await Charts.CreateAsync(_element, Options(), window.ColumnsFrom(0), window.Frame());
                _drawn = window;
            }
            catch (Exception ex) when (ChartInterop.IsLostConnection(ex))
            {
                // Created with the next window.
                return;
            }
            finally
            {
                _creating = false;
            }

            // Windows that arrived while it was being made: their points go now.
            QueueNewPoints();
        }

        await Charts.FlushAsync();
    }

    /// <summary>The points never arrived (the connection dropped): the next window is sent whole, so the chart catches up.</summary>
    private void Lost() => _drawn = null;

    private object Options() => new
    {
        unit = Spec.Unit,
        lines = Spec.Lines.Select(l => new { label = l.Label, color = l.Color, fill = l.Fill, dash = l.Dash }),
        yMax = Spec.YMax,
        xUnit = Spec.XUnit,
        height = Spec.Height,
        capacity = Capacity,
        stacked = Spec.Stacked,
        points = Spec.Points,
        xFromZero = Spec.XFromZero,
        spanGaps = Spec.SpanGaps,
    };
}
