using Microsoft.JSInterop;

namespace Dashboard.Client.Charts;

/// <summary>
/// The page's one door to js/charts.js, one per circuit. Charts queue their new points while the
/// page renders and the first chart to finish rendering sends them all in one call, so an update
/// of a page with three charts costs one interop round trip, not three (benchmarks/run.sh ui).
/// Its module and charts live as long as the circuit: they go with it.
/// </summary>
public sealed class ChartInterop(IJSRuntime js)
{
    private const string ModulePath = "./_content/Dashboard.Client/js/charts.js";

    private readonly List<Pending> _pending = [];
    private Task<IJSObjectReference>? _module;

    /// <summary>Draws a new chart into <paramref name="element"/> with every column (x first) and the window's frame (<see cref="ChartWindow.Frame"/>).</summary>
    public async Task<IJSObjectReference> CreateAsync(object element, object options, double?[][] columns, object frame)
    {
        var module = await Module();
        return await module.InvokeAsync<IJSObjectReference>("create", element, options, columns, frame);
    }

    /// <summary>Queues points for a chart: appended, or replacing all it holds, with the window's frame; <paramref name="failed"/> is called if they never arrive.</summary>
    public void Queue(IJSObjectReference chart, bool replace, double?[][] columns, object frame, Action failed) =>
        _pending.Add(new Pending(chart, replace, columns, frame, failed));

    /// <summary>Sends everything queued in one call.</summary>
    public async Task FlushAsync()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.ToArray();
        _pending.Clear();
        try
        {
            var module = await Module();
            await module.InvokeVoidAsync("update", [batch.Select(p => new { chart = p.Chart, replace = p.Replace, columns = p.Columns, frame = p.Frame }).ToArray()]);
        }
        catch (Exception ex) when (IsLostConnection(ex))
        {
            foreach (var pending in batch)
            {
                pending.Failed();
            }
        }
    }

    public async Task DisposeChartAsync(IJSObjectReference chart)
    {
        try
        {
            var module = await Module();
            await module.InvokeVoidAsync("dispose", chart);
            await chart.DisposeAsync();
        }
        catch (Exception ex) when (IsLostConnection(ex))
        {
            // The tab is gone, and its chart with it.
        }
    }

    /// <summary>What a call meets when the circuit's connection dropped or the page went away.</summary>
    public static bool IsLostConnection(Exception ex) =>
        ex is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException;

    private Task<IJSObjectReference> Module()
    {
        if (_module is null || _module.IsFaulted || _module.IsCanceled)
        {
            _module = js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();
        }

        return _module;
    }

    private sealed record Pending(IJSObjectReference Chart, bool Replace, double?[][] Columns, object Frame, Action Failed);
}
