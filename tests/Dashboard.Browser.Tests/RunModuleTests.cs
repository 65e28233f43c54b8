using System.Text.Json;
using Dashboard.Client.Formatting;
using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>The live run page's browser modules on their own, in the real browser against the host's files.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunModuleTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Js = "./_content/Dashboard.Client/js/";

    private IBrowserContext _context = default!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _context = await fixture.NewContextAsync();
        _page = await _context.NewPageAsync();
        await _page.GotoAsync("runs");
    }

    public Task DisposeAsync() => _context.CloseAsync();

    [Fact]
    public async Task RunState_HistoryThenOverlappingSnapshots_CountsEachIntervalOnceAndKeepsSamplesBounded()
    {
        var result = await _page.EvaluateAsync<JsonElement>(
            $$"""
            async () => {
                const { RunState } = await import('{{Js}}widgets/runState.js');
                const sample = (id, reason, lifetimeMs) => ({ id, reason, lifetimeMs, name: 't', kind: 'k' });
                const snapshot = (sequence, samples = []) => ({ runId: 'r', sequence, load: { requests: 10 }, samples });
                const state = new RunState({ info: null, requests: 100, sequence: 2, maxSamples: 3 });
                // Sequences 1 and 2 were in the page the server rendered (its total of 100 counts them).
                state.applyHistory([snapshot(1), snapshot(2), snapshot(3, [sample(1, 'random', 5)]), snapshot(4)]);
                const afterHistory = state.requests;
                state.applySnapshot(snapshot(4));
                state.applySnapshot(snapshot(5, [sample(2, 'slowest', 10), sample(3, 'slowest', 30), sample(4, 'slowest', 20), sample(5, 'slowest', 1), sample(6, 'random', 5), sample(7, 'random', 5), sample(8, 'random', 5)]));
                const afterSnapshots = state.requests;
                state.applySnapshot(snapshot(6));
                state.applyRunChanged({ id: 'r', status: 'Stopped', key: { requests: 999 } });
                state.addDropped(4);
                state.addDropped(-1);
                // An ended run's page: the history is all it gets, and its samples are the tables' rows.
                const ended = new RunState({ info: null, requests: 100, sequence: 4, maxSamples: 3 });
                ended.applyHistory([snapshot(3, [sample(11, 'random', 5), sample(12, 'slowest', 7)]), snapshot(4, [sample(13, 'random', 5)])]);
                ended.applyHistory([snapshot(3, [sample(11, 'random', 5), sample(12, 'slowest', 7)]), snapshot(4, [sample(13, 'random', 5)])]);
                // A warm-up's intervals count in no request total.
                const warming = new RunState({ info: null, requests: 0, sequence: -1, maxSamples: 3 });
                warming.applyHistory([{ ...snapshot(0), warmUp: true }, { ...snapshot(1), warmUp: true }, snapshot(2)]);
                return {
                    warmedRequests: warming.requests,
                    endedSlowest: ended.slowest.map(s => s.id), endedRecent: ended.recent.map(s => s.id), endedRequests: ended.requests,
                    afterHistory, afterSnapshots, final: state.requests, latest: state.latest.sequence,
                    slowest: state.slowest.map(s => s.id), recent: state.recent.map(s => s.id),
                    running: state.running, dropped: state.dropped,
                };
            }
            """);

        Assert.Equal(120, result.GetProperty("afterHistory").GetInt32());
        Assert.Equal(130, result.GetProperty("afterSnapshots").GetInt32());
        Assert.Equal(999, result.GetProperty("final").GetInt32());
        Assert.Equal(6, result.GetProperty("latest").GetInt32());
        // The slowest of the newest interval that had any, slowest first; the newest random ones, newest first.
        Assert.Equal([3, 4, 2], Ints(result, "slowest"));
        Assert.Equal([6, 7, 8], Ints(result, "recent"));
        Assert.False(result.GetProperty("running").GetBoolean());
        Assert.Equal(4, result.GetProperty("dropped").GetInt32());
        // History sent twice (a reconnect) lists each sample once and counts no request again.
        Assert.Equal([12], Ints(result, "endedSlowest"));
        Assert.Equal([13, 11], Ints(result, "endedRecent"));
        Assert.Equal(100, result.GetProperty("endedRequests").GetInt32());
        Assert.Equal(10, result.GetProperty("warmedRequests").GetInt32());
    }

    [Fact]
    public async Task StackedShareChart_MorePointsThanItsCapacity_KeepsOnlyTheNewestAndSharesSumToAHundred()
    {
        var result = await _page.EvaluateAsync<JsonElement>(
            $$"""
            async () => {
                const { StackedShareChart, shares } = await import('{{Js}}charts/stackedShare.js');
                const host = document.createElement('div');
                host.style.width = '400px';
                document.body.append(host);
                const chart = new StackedShareChart(host, { capacity: 5, xUnit: 's' });
                for (let i = 0; i < 12; i++) {
                    chart.append(i / 2, 1, 2, 5);
                }
                const kept = chart.length;
                const canvases = host.querySelectorAll('canvas').length;
                chart.destroy();
                const s = shares(1, 2, 5);
                let refused = '';
                try { new StackedShareChart(host, { capacity: 1, xUnit: 's' }); } catch (e) { refused = e.message; }
                return { kept, canvases, left: host.childElementCount, sum: s.awake + s.waiting + s.asleep, awake: s.awake, none: shares(0, 0, 0), refused };
            }
            """);

        Assert.Equal(5, result.GetProperty("kept").GetInt32());
        Assert.Equal(1, result.GetProperty("canvases").GetInt32());
        Assert.Equal(0, result.GetProperty("left").GetInt32());
        Assert.Equal(100, result.GetProperty("sum").GetDouble(), 9);
        Assert.Equal(12.5, result.GetProperty("awake").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("none").ValueKind);
        Assert.Contains("capacity", result.GetProperty("refused").GetString());
    }

    [Fact]
    public async Task RunWords_InTheBrowser_AreTheServersWords()
    {
        var statuses = Enum.GetValues<RunStatus>();
        var browser = await _page.EvaluateAsync<JsonElement>(
            $$"""
            async statuses => {
                const f = await import('{{Js}}widgets/runFigures.js');
                return {
                    text: statuses.map(s => f.STATUS_TEXT[s]),
                    pill: statuses.map(f.statusClass),
                    words: [true, false, null].map(f.thresholdWord),
                    verdict: [true, false, null].map(f.verdictClass),
                    kinds: ['healthy', 'saturated', 'blocked', 'no-data', null].map(f.verdictKindClass),
                };
            }
            """,
            statuses.Select(s => s.ToString()).ToArray());

        Assert.Equal(statuses.Select(RunText.Status), Strings(browser, "text"));
        Assert.Equal(statuses.Select(RunText.StatusClass), Strings(browser, "pill"));
        Assert.Equal(new bool?[] { true, false, null }.Select(LiveRun.ThresholdWord), Strings(browser, "words"));
        Assert.Equal(new bool?[] { true, false, null }.Select(RunText.VerdictClass), Strings(browser, "verdict"));
        Assert.Equal(new[] { "healthy", "saturated", "blocked", "no-data", null }.Select(RunText.VerdictKindClass), Strings(browser, "kinds"));
    }

    [Fact]
    public async Task LinksAndNumbers_InTheBrowser_AreBuiltAsTheServerBuildsThem()
    {
        var values = new[] { 0, 20, 2.5, 0.125, -0.001, 12_345.678, 1234.5 };
        var browser = await _page.EvaluateAsync<JsonElement>(
            $$"""
            async values => {
                const { compact } = await import('{{Js}}format.js');
                const { taskHref, sampleRow } = await import('{{Js}}widgets/taskBars.js');
                const row = sampleRow('a b/<c>', { id: 42, name: '<img src=x>', kind: 'k', lifetimeMs: 60, waitingMs: 10, awakeMs: 5, asleepMs: 45 });
                return {
                    compact: values.map(compact),
                    href: taskHref('a b/<c>', 42),
                    rowHref: row.querySelector('a').getAttribute('href'),
                    rowName: row.querySelector('a').textContent,
                    rowImages: row.querySelectorAll('img').length,
                    rowBar: row.querySelectorAll('.share-bar .share').length,
                };
            }
            """,
            values);

        Assert.Equal(values.Select(FigureFormat.Compact), Strings(browser, "compact"));
        Assert.Equal(Links.Task("a b/<c>", 42), browser.GetProperty("href").GetString());
        Assert.Equal(Links.Task("a b/<c>", 42), browser.GetProperty("rowHref").GetString());
        Assert.Equal("<img src=x>", browser.GetProperty("rowName").GetString());
        Assert.Equal(0, browser.GetProperty("rowImages").GetInt32());
        Assert.Equal(3, browser.GetProperty("rowBar").GetInt32());
    }

    [Fact]
    public async Task HubMessage_HubException_IsTheServersOwnWords()
    {
        var message = await _page.EvaluateAsync<string>(
            $$"""
            async () => {
                const { hubMessage } = await import('{{Js}}live/runsHub.js');
                return hubMessage(new Error("An unexpected error occurred invoking 'Change' on the server. HubException: rate: expected 0..200000, got -1"));
            }
            """);

        Assert.Equal("rate: expected 0..200000, got -1", message);
    }

    private static string?[] Strings(JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray().Select(e => e.GetString()).ToArray();

    private static int[] Ints(JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
