using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Client.Charts;

/// <summary>
/// A uPlot chart drawn by js/charts.js from a <see cref="ChartWindow"/>. The component renders
/// only when it is handed a new window; the browser then gets the points it has not drawn (or
/// the whole window, after a lost connection or when the window no longer follows what it drew).
/// </summary>
public sealed partial class LiveChart : IAsyncDisposable
{
    private const string ModulePath = "./_content/Dashboard.Client/js/charts.js";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _chart;
    private ChartWindow? _rendered;
    private ChartWindow? _drawn;
    private bool _disposed;

    [Parameter, EditorRequired]
    public ChartSpec Spec { get; set; } = default!;

    [Parameter, EditorRequired]
    public ChartWindow Data { get; set; } = ChartWindow.Empty;

    /// <summary>Points the browser keeps (DashboardUi:ChartWindowPoints).</summary>
    [Parameter, EditorRequired]
    public int Capacity { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private string? LastX => Data.LastX?.ToString("R", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_chart is not null)
            {
                await _module!.InvokeVoidAsync("dispose", _chart);
                await _chart.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone, and its chart with it.
        }
    }

    // Parameters of a class type always count as changed: render only for a new window.
    protected override bool ShouldRender() => !ReferenceEquals(_rendered, Data);

    protected override void OnAfterRender(bool firstRender) => _rendered = Data;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Prerendered, there is no browser to draw in yet.
        if (_disposed || !RendererInfo.IsInteractive || ReferenceEquals(_drawn, Data))
        {
            return;
        }

        var window = Data;
        try
        {
            if (_chart is null)
            {
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
                _chart = await _module.InvokeAsync<IJSObjectReference>("create", _element, Options(), window.ColumnsFrom(0));
            }
            else if (_drawn?.LastX is { } lastX && window.Count > 0 && window.X[0] <= lastX)
            {
                await _module!.InvokeVoidAsync("append", _chart, window.ColumnsFrom(window.IndexAfter(lastX)));
            }
            else
            {
                await _module!.InvokeVoidAsync("setData", _chart, window.ColumnsFrom(0));
            }

            _drawn = window;
        }
        catch (Exception ex) when (ex is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException)
        {
            // The connection dropped mid-call: the next window is sent whole, so the chart catches up.
            _drawn = null;
        }
    }

    private object Options() => new
    {
        unit = Spec.Unit,
        lines = Spec.Lines.Select(l => new { label = l.Label, color = l.Color, fill = l.Fill }),
        yMax = Spec.YMax,
        xUnit = Spec.XUnit,
        height = Spec.Height,
        capacity = Capacity,
    };
}
