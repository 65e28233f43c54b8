using System.Text.Json;
using Dashboard.Client.Formatting;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>The browser modules on their own, run in the real browser against the host's files.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserModuleTests(BrowserFixture fixture) : IAsyncLifetime
{
    private static readonly double[] Samples =
        [0, -0.001, 0.004, 0.005, 0.0051, 1, 9.994, 9.996, 10, 12.34, 99.94, 99.96, 100, 1234.5, 1_234_567.8, -3.25];

    private IBrowserContext _context = default!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _context = await fixture.NewContextAsync();
        _page = await _context.NewPageAsync();
        await _page.GotoAsync("loop");
    }

    public Task DisposeAsync() => _context.CloseAsync();

    [Fact]
    public async Task FormatModule_SameValues_ReadAsTheServerFormatsThem()
    {
        var browser = await _page.EvaluateAsync<JsonElement>(
            """
            async samples => {
                const f = await import('./_content/Dashboard.Client/js/format.js');
                return {
                    adaptive: samples.map(f.adaptive),
                    percent: samples.map(v => f.percent(v / 100)),
                    count: samples.map(v => f.count(Math.round(v))),
                    clock: f.clockUtc('2026-03-04T05:06:07.890+02:00'),
                    missing: [f.adaptive(null), f.adaptive(NaN), f.percent(undefined)],
                };
            }
            """,
            Samples);

        Assert.Equal(Samples.Select(FigureFormat.Adaptive), Strings(browser, "adaptive"));
        Assert.Equal(Samples.Select(v => FigureFormat.Percent(v / 100)), Strings(browser, "percent"));
        Assert.Equal(Samples.Select(v => FigureFormat.Count((long)Math.Round(v, MidpointRounding.AwayFromZero))), Strings(browser, "count"));
        Assert.Equal(FigureFormat.ClockUtc(DateTimeOffset.Parse("2026-03-04T05:06:07.890+02:00", System.Globalization.CultureInfo.InvariantCulture)), browser.GetProperty("clock").GetString());
        Assert.All(Strings(browser, "missing"), s => Assert.Equal(FigureFormat.Missing, s));
    }

    [Fact]
    public async Task TimeSeriesChart_MorePointsThanItsCapacity_KeepsOnlyTheNewest()
    {
        var result = await _page.EvaluateAsync<JsonElement>(
            """
            async () => {
                const { TimeSeriesChart } = await import('./_content/Dashboard.Client/js/charts/timeSeries.js');
                const host = document.createElement('div');
                host.style.width = '400px';
                document.body.append(host);
                const chart = new TimeSeriesChart(host, {
                    unit: 'ms', capacity: 10,
                    series: [{ label: 'a', color: '#000' }, { label: 'b', color: '#111' }],
                });
                for (let i = 0; i < 25; i++) {
                    chart.append(1_700_000_000 + i, [i, i * 2]);
                }
                const kept = chart.length;
                chart.resize();
                const canvases = host.querySelectorAll('canvas').length;
                chart.destroy();
                return { kept, canvases, left: host.childElementCount };
            }
            """);

        Assert.Equal(10, result.GetProperty("kept").GetInt32());
        Assert.Equal(1, result.GetProperty("canvases").GetInt32());
        Assert.Equal(0, result.GetProperty("left").GetInt32());
    }

    [Fact]
    public async Task TimeSeriesChart_CapacityBelowTwo_IsRefused()
    {
        var message = await _page.EvaluateAsync<string>(
            """
            async () => {
                const { TimeSeriesChart } = await import('./_content/Dashboard.Client/js/charts/timeSeries.js');
                try {
                    new TimeSeriesChart(document.createElement('div'), { unit: 'ms', capacity: 1, series: [] });
                    return 'accepted';
                } catch (e) {
                    return e.message;
                }
            }
            """);

        Assert.Contains("capacity", message);
    }

    private static string?[] Strings(JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray().Select(e => e.GetString()).ToArray();
}
