using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>The one browser module left, js/charts.js, on its own in the real browser against the host's files.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserModuleTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Module = "./_content/Dashboard.Client/js/charts.js";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Page.GotoAsync("loop");
    }

    [Fact]
    public async Task Chart_MorePointsThanItsCapacity_KeepsOnlyTheNewestAndGoesWhenDisposed()
    {
        var result = await Page.EvaluateAsync<JsonElement>(
            $$"""
            async () => {
                const charts = await import('{{Module}}');
                const host = document.createElement('div');
                host.style.width = '400px';
                document.body.append(host);
                const options = { unit: 'ms', lines: [{ label: 'a', color: '#000', fill: false, dash: null }, { label: 'b', color: '#111', fill: true, dash: [4, 3] }],
                    yMax: null, xUnit: 's', height: 120, capacity: 10, stacked: false, points: false, xFromZero: false };
                const chart = charts.create(host, options, [[0], [0], [0]]);
                for (let i = 1; i < 25; i++) {
                    charts.update([{ chart, replace: false, columns: [[i], [i], [i * 2]] }]);
                }
                const kept = chart.data[0].length;
                const first = chart.data[0][0];
                charts.update([{ chart, replace: true, columns: [[1, 2], [5, 6], [7, 8]] }]);
                const replaced = chart.data[0].length;
                const canvases = host.querySelectorAll('canvas').length;
                charts.dispose(chart);
                return { kept, first, replaced, canvases, left: host.querySelectorAll('canvas').length };
            }
            """);

        Assert.Equal(10, result.GetProperty("kept").GetInt32());
        Assert.Equal(15, result.GetProperty("first").GetInt32());
        Assert.Equal(2, result.GetProperty("replaced").GetInt32());
        Assert.Equal(1, result.GetProperty("canvases").GetInt32());
        Assert.Equal(0, result.GetProperty("left").GetInt32());
    }

    [Fact]
    public async Task Chart_FrameOfTheWindow_SetsTheTopAndTheRateAxisAndStackedLinesAreBands()
    {
        var result = await Page.EvaluateAsync<JsonElement>(
            $$"""
            async () => {
                const charts = await import('{{Module}}');
                const host = document.createElement('div');
                host.style.width = '500px';
                document.body.append(host);
                const curve = charts.create(host, { unit: 'ms', lines: [{ label: 'p99', color: '#e58a16', fill: true, dash: null }],
                    yMax: null, xUnit: '/s', height: 200, capacity: 100, stacked: false, points: true, xFromZero: true },
                    [[100, 200, 300], [1, 2, 900]],
                    { yTop: 7, veil: null, marks: [{ x: 1050, label: 'knee 1,050/s', color: '#b42318' }] });
                await new Promise(resolve => setTimeout(resolve, 600));
                const y = curve.plot.scales.y;
                const x = curve.plot.scales.x;
                const shares = document.createElement('div');
                shares.style.width = '400px';
                document.body.append(shares);
                const stacked = charts.create(shares, { unit: '%', lines: ['#1', '#2', '#3'].map(c => ({ label: c, color: c, fill: false, dash: null })),
                    yMax: 100, xUnit: 's', height: 120, capacity: 10, stacked: true, points: false, xFromZero: false }, [[0], [100], [60], [20]]);
                const bands = stacked.plot.bands.map(b => b.series);
                charts.dispose(curve);
                charts.dispose(stacked);
                return { yMin: y.min, yMax: y.max, xMin: x.min, xMax: x.max, bands };
            }
            """);

        // The page's top (7) rounded up, not the 900 ms outlier; the rate axis from 0 past the knee mark.
        Assert.Equal(0, result.GetProperty("yMin").GetDouble());
        Assert.Equal(10, result.GetProperty("yMax").GetDouble());
        Assert.Equal(0, result.GetProperty("xMin").GetDouble());
        Assert.Equal(1200, result.GetProperty("xMax").GetDouble());
        Assert.Equal("[[1,2],[2,3]]", result.GetProperty("bands").GetRawText());
    }

    [Fact]
    public async Task Chart_CapacityBelowTwo_IsRefused()
    {
        var message = await Page.EvaluateAsync<string>(
            $$"""
            async () => {
                const charts = await import('{{Module}}');
                try {
                    charts.create(document.createElement('div'), { unit: 'ms', lines: [], capacity: 1 }, [[]]);
                    return 'accepted';
                } catch (e) {
                    return e.message;
                }
            }
            """);

        Assert.Contains("capacity", message);
    }
}
