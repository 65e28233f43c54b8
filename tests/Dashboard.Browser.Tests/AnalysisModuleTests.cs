using System.Text.Json;
using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The live page's sweep, blockers and what-if modules on their own in the real browser: the same
/// words as the server's, and nothing thrown for a sweep that has barely started.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AnalysisModuleTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Js = "./_content/Dashboard.Client/js/";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

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
    public async Task SweepPanel_FullAndBarelyStartedSweeps_WritesTheServersWordsDrawsTheCurveAndNeverThrows()
    {
        var full = Sweep(withCases: true);
        var bare = Sweep(withCases: false) with { Steps = [], Status = "running" };
        var result = await _page.EvaluateAsync<JsonElement>(
            $$"""
            async ([fullJson, bareJson]) => {
                const { SweepPanel, bestText, kneeText, worstText, warmUpText, statusText, stepState } = await import('{{Js}}widgets/sweepPanel.js');
                const make = () => {
                    const host = document.createElement('section');
                    host.hidden = true;
                    host.style.width = '600px';
                    host.innerHTML = '<span data-sweep-status></span><div data-chart="sweep"></div><ul><li data-sweep-best></li><li data-sweep-knee></li><li data-sweep-worst></li><li data-sweep-stop hidden></li></ul><table><tbody data-sweep-steps></tbody></table>';
                    document.body.append(host);
                    return host;
                };
                const full = JSON.parse(fullJson);
                const bare = JSON.parse(bareJson);
                const a = make();
                const panel = new SweepPanel(a, 3);
                panel.update(null);
                const hiddenForNull = a.hidden;
                panel.update(full);
                await new Promise(r => setTimeout(r, 400));
                const rows = [...a.querySelectorAll('[data-sweep-steps] tr')];
                const result = {
                    hiddenForNull, shown: !a.hidden,
                    words: [bestText(full), kneeText(full), worstText(full), statusText(full), warmUpText(full)],
                    texts: ['best', 'knee', 'worst'].map(n => a.querySelector(`[data-sweep-${n}]`).textContent),
                    rowSteps: rows.map(r => r.dataset.step),
                    lastRow: rows.at(-1).textContent,
                    canvases: a.querySelectorAll('canvas').length,
                    bareWords: [bestText(bare), kneeText(bare), worstText(bare)],
                    states: ['running', 'saturated'].flatMap(status => full.steps.map(s => stepState(s, status).join(' '))),
                };
                // A sweep with nothing yet, and one with broken steps: the panel must not throw.
                const b = make();
                const second = new SweepPanel(b, 5);
                second.update(bare);
                result.bareRows = b.querySelector('[data-sweep-steps]').textContent;
                second.update({ status: 'running', budgetMs: 0.2, budgetSource: 'scenario', steps: [{ index: 0, offeredRate: NaN, complete: false }, { index: 1, offeredRate: 50, complete: true, saturated: false, withinBudget: true, prediction: null }] });
                await new Promise(r => setTimeout(r, 400));
                result.brokenRows = b.querySelectorAll('[data-sweep-steps] tr').length;
                panel.destroy();
                second.destroy();
                return result;
            }
            """,
            new[] { JsonSerializer.Serialize(full, Web), JsonSerializer.Serialize(bare, Web) });

        Assert.True(result.GetProperty("hiddenForNull").GetBoolean());
        Assert.True(result.GetProperty("shown").GetBoolean());
        Assert.Equal([SweepText.Best(full), SweepText.Knee(full), SweepText.Worst(full), SweepText.Status(full), SweepText.WarmUp(full)], Strings(result, "words"));
        Assert.Equal([SweepText.Best(full), SweepText.Knee(full), SweepText.Worst(full)], Strings(result, "texts"));
        Assert.Equal(["0", "1", "2"], Strings(result, "rowSteps"));
        Assert.Contains("no steady state", result.GetProperty("lastRow").GetString());
        Assert.Contains("cut short", result.GetProperty("lastRow").GetString());
        Assert.Equal(
            new[] { "running", "saturated" }.SelectMany(status => full.Steps.Select(s => $"{SweepText.StepState(s, status)} {SweepText.StepStateClass(s, status)}")).ToArray(),
            Strings(result, "states"));
        Assert.True(result.GetProperty("canvases").GetInt32() >= 1);
        Assert.Equal([SweepText.Best(bare), SweepText.Knee(bare), SweepText.Worst(bare)], Strings(result, "bareWords"));
        Assert.Equal("No step measured yet.", result.GetProperty("bareRows").GetString());
        Assert.Equal(2, result.GetProperty("brokenRows").GetInt32());
    }

    [Fact]
    public async Task SweepPanel_ACurveLikeAMd1Loop_IsDrawnWithItsMarksAndStepsForPeopleToLookAt()
    {
        // A 1 ms fixed service on Poisson arrivals (M/D/1) stepped from 100 to 1,000 requests/s.
        var steps = Enumerable.Range(1, 10).Select(i =>
        {
            var rate = i * 100.0;
            var rho = rate / 1000;
            double? predicted = rho < 1 ? rho * 1 / (2 * (1 - rho)) : null;
            var waitingMean = predicted ?? 180;
            return Step(i - 1, rate, waitingMean * 4, predicted) with
            {
                Utilization = Math.Min(rho, 1),
                Waiting = new StepFigures(waitingMean, waitingMean * 0.7, waitingMean * 4),
                Latency = new StepFigures(waitingMean + 2, waitingMean + 2, (waitingMean * 4) + 6),
                WithinBudget = waitingMean * 4 <= 0.5,
                Saturated = rho >= 1,
                BacklogGrowthPerSecond = rho >= 1 ? 42 : 0,
            };
        }).ToArray();
        var sweep = Sweep(withCases: true) with
        {
            Steps = steps,
            BudgetMs = 0.5,
            BudgetSource = "0.5 × mean service time 1.00 ms",
            Best = new SweepBestCase(200, 0.2, 0.5, 0.5),
            KneeRate = 900,
            Worst = new SweepWorstCase(1000, 38.5, 42, 40),
            StopReason = "waiting p99 over 50 ms at 1,000 requests/s",
        };
        var shown = await _page.EvaluateAsync<JsonElement>(
            $$"""
            async sweepJson => {
                const { SweepPanel } = await import('{{Js}}widgets/sweepPanel.js');
                const host = document.createElement('section');
                host.className = 'panel sweep-panel';
                host.hidden = true;
                host.innerHTML = `<h2>Sweep: waiting and latency against offered rate <span class="unit">ms</span> <span class="pill pill-live" data-sweep-status></span></h2>
                    <div class="chart sweep-chart" data-chart="sweep"></div>
                    <ul class="sweep-words"><li data-sweep-best></li><li data-sweep-knee></li><li data-sweep-worst></li><li data-sweep-stop hidden></li></ul>
                    <table class="grid sweep-steps"><tbody data-sweep-steps></tbody></table>`;
                const page = document.querySelector('.content') ?? document.body;
                page.replaceChildren(host);
                const panel = new SweepPanel(host, 50);
                panel.update(JSON.parse(sweepJson));
                await new Promise(r => setTimeout(r, 600));
                return { rows: host.querySelectorAll('[data-sweep-steps] tr').length, canvases: host.querySelectorAll('canvas').length, stop: host.querySelector('[data-sweep-stop]').hidden };
            }
            """,
            JsonSerializer.Serialize(sweep, Web));
        await Screenshots.SaveAsync(_page, "sweep-panel-fixture");

        Assert.Equal(10, shown.GetProperty("rows").GetInt32());
        Assert.Equal(1, shown.GetProperty("canvases").GetInt32());
        Assert.False(shown.GetProperty("stop").GetBoolean());
    }

    [Fact]
    public async Task RateCurveScales_FitTheRatesAndKeepTheKneeVisibleBesideASaturatedStep()
    {
        var result = await _page.EvaluateAsync<double[]>(
            $$"""
            async () => {
                const { rateTop, curveTop } = await import('{{Js}}charts/rateCurve.js');
                return [
                    rateTop(1050), rateTop(95), rateTop(0), rateTop(NaN),
                    curveTop([{ values: [1, 24] }, { values: [3, null] }, { values: [726, 180], outlier: true }]),
                    curveTop([{ values: [1, 2] }, { values: [4, NaN], outlier: true }]),
                    curveTop([{ values: [50], outlier: true }]),
                    curveTop([]),
                ];
            }
            """);

        Assert.Equal([1100, 95, 1, 1, 72, 4, 50, 0], result);
    }

    [Fact]
    public async Task BlockerWords_InTheBrowser_AreTheServersWords()
    {
        VictimKindInfo[] victims = [new("hello", 30, 3_000), new("connection", 5, 200.5), new("accept", 2, 10), new("a", 1, 1), new("b", 1, 0.5), new("c", 1, 0.25)];
        var waiting = new Dictionary<string, double> { ["connection"] = 345.6, ["hello"] = 12_000, ["zeta"] = 12_000 };
        var browser = await _page.EvaluateAsync<JsonElement>(
            $$"""
            async ([victimsJson, waitingJson]) => {
                const b = await import('{{Js}}widgets/blockerTables.js');
                const panel = document.createElement('div');
                panel.innerHTML = '<table><tbody data-worst-blocks></tbody></table><table><tbody data-blocker-kinds></tbody></table>';
                b.renderBlockers(panel, { id: 'run one', worstBlocks: [{ taskId: 7, taskName: '<img src=x>', kind: 'blocker', durationMs: 212.5, queuedBehind: 3, victimCount: 37, victimWaitingMs: 3210.5, victimKinds: [] }], blockers: [] }, 5);
                const emptyKinds = panel.querySelector('[data-blocker-kinds]').textContent;
                return {
                    victims: b.victimKindsText(JSON.parse(victimsJson)),
                    waiting: b.waitingByKindText(JSON.parse(waitingJson)),
                    none: b.victimKindsText(undefined),
                    images: panel.querySelectorAll('img').length,
                    row: panel.querySelector('[data-worst-blocks] tr').textContent,
                    href: panel.querySelector('[data-worst-blocks] a.task-link').getAttribute('href'),
                    emptyKinds,
                };
            }
            """,
            new[] { JsonSerializer.Serialize(victims, Web), JsonSerializer.Serialize(waiting, Web) });

        Assert.Equal(PredictionText.VictimKinds(victims), browser.GetProperty("victims").GetString());
        Assert.Equal(PredictionText.WaitingByKind(waiting), browser.GetProperty("waiting").GetString());
        Assert.Equal(FigureFormat.Missing, browser.GetProperty("none").GetString());
        Assert.Equal(0, browser.GetProperty("images").GetInt32());
        Assert.Contains("<img src=x> #7", browser.GetProperty("row").GetString());
        Assert.Contains("213ms", browser.GetProperty("row").GetString());
        Assert.Equal("runs/run%20one/tasks/7", browser.GetProperty("href").GetString());
        Assert.Equal("No step has held the loop past the slow-step threshold yet.", browser.GetProperty("emptyKinds").GetString());
    }

    [Fact]
    public async Task WhatIf_AnsweredOrRefusedByTheApi_ShowsTheAnswerOrTheServersWordsInPlace()
    {
        var saturated = new WhatIfPrediction(800, 1.5, 0.5, 1, 1.2, null, null, "assumed");
        var result = await _page.EvaluateAsync<JsonElement>(
            $$"""
            async saturatedJson => {
                const { bindWhatIf, saturatedText } = await import('{{Js}}widgets/whatIf.js');
                const form = document.createElement('form');
                form.dataset.api = 'api/runs/r/prediction';
                form.innerHTML = `<input name="whatIf"><button type="submit">Predict</button>
                    <ul data-errors-for="whatIf" hidden></ul>
                    <div data-what-if-result hidden><span data-figure="what-if-rate"></span><span data-figure="what-if-utilization"></span>
                    <span data-predicted="what-if-mg1"></span><span data-predicted="what-if-kingman"></span>
                    <p data-what-if-saturated hidden></p><p data-what-if-basis></p></div>`;
                document.body.append(form);
                const asked = [];
                const answers = [
                    new Response(saturatedJson, { status: 200, headers: { 'content-type': 'application/json' } }),
                    new Response(JSON.stringify({ title: 'invalid rate', errors: [{ path: 'rate', message: 'expected a rate above 0 requests per second, got -1' }] }), { status: 400 }),
                ];
                bindWhatIf(form, { fetch: async url => { asked.push(url); return answers.shift(); } });
                const submit = async value => {
                    form.querySelector('input').value = value;
                    form.requestSubmit();
                    await new Promise(r => setTimeout(r, 100));
                };
                await submit('800');
                const first = {
                    shown: !form.querySelector('[data-what-if-result]').hidden,
                    utilization: form.querySelector('[data-figure="what-if-utilization"]').textContent,
                    mg1: form.querySelector('[data-predicted="what-if-mg1"]').textContent,
                    saturated: form.querySelector('[data-what-if-saturated]').textContent,
                    saturatedShown: !form.querySelector('[data-what-if-saturated]').hidden,
                    expected: saturatedText(1.2),
                };
                await submit(' -1 ');
                return {
                    asked, first,
                    errors: form.querySelector('[data-errors-for="whatIf"]').textContent,
                    errorsShown: !form.querySelector('[data-errors-for="whatIf"]').hidden,
                    resultHidden: form.querySelector('[data-what-if-result]').hidden,
                    invalid: form.querySelector('input').getAttribute('aria-invalid'),
                    address: location.search,
                };
            }
            """,
            JsonSerializer.Serialize(saturated, Web));

        Assert.Equal(["api/runs/r/prediction?rate=800", "api/runs/r/prediction?rate=%20-1%20"], Strings(result, "asked"));
        var first = result.GetProperty("first");
        Assert.True(first.GetProperty("shown").GetBoolean());
        Assert.Equal("120.0", first.GetProperty("utilization").GetString());
        Assert.Equal("no steady state", first.GetProperty("mg1").GetString());
        Assert.Equal(PredictionText.Saturated(1.2), first.GetProperty("saturated").GetString());
        Assert.Equal(PredictionText.Saturated(1.2), first.GetProperty("expected").GetString());
        Assert.True(first.GetProperty("saturatedShown").GetBoolean());
        Assert.Equal("expected a rate above 0 requests per second, got -1", result.GetProperty("errors").GetString());
        Assert.True(result.GetProperty("errorsShown").GetBoolean());
        Assert.True(result.GetProperty("resultHidden").GetBoolean());
        Assert.Equal("true", result.GetProperty("invalid").GetString());
        Assert.Equal("?whatIf=+-1+", result.GetProperty("address").GetString());
    }

    [Fact]
    public async Task PredictionChartTop_FollowsTheMeasurementAndLetsRunawayPredictionsRunOffTheTop()
    {
        var tops = await _page.EvaluateAsync<double[]>(
            $$"""
            async () => {
                const { predictionTop } = await import('{{Js}}widgets/runCharts.js');
                return [
                    predictionTop([[1, 2, 3], [10, 20, null], [15, 20000, null], [12, 5000, null]]),
                    predictionTop([[1, 2], [10, 20], [25, 30], [null, null]]),
                    predictionTop([[1], [0], [4], [3]]),
                    predictionTop([[], [], [], []]),
                ];
            }
            """);

        Assert.Equal([60, 30, 4, 0], tops);
    }

    /// <summary>Three steps: 100/s within budget, 200/s over it, 300/s saturated and running with no steady state.</summary>
    private static SweepReport Sweep(bool withCases) => new()
    {
        Status = "saturated",
        BudgetMs = 0.25,
        BudgetSource = "0.25 × mean service time 1.04 ms",
        StopWaitingP99Ms = 50,
        StopGrowingIntervals = 4,
        PlannedSteps = 6,
        Steps = [Step(0, 100, 0.1, null), Step(1, 200, 0.8, 0.6), Step(2, 300, 40, null) with { Complete = false, Saturated = true }],
        Best = withCases ? new SweepBestCase(100, 0.11, 0.1, 0.25) : null,
        KneeRate = withCases ? 200 : null,
        Worst = withCases ? new SweepWorstCase(300, 38.25, 37.5, 40) : null,
        StopReason = withCases ? "waiting p99 over 50 ms" : null,
        WarmUpSeconds = withCases ? 1.25 : 0,
    };

    private static SweepStep Step(int index, double rate, double waitingP99, double? predicted) => new()
    {
        Index = index,
        OfferedRate = rate,
        AchievedRate = rate,
        Seconds = 5,
        Complete = true,
        Requests = (long)rate * 5,
        Utilization = rate / 300,
        Waiting = new StepFigures(waitingP99 / 3, waitingP99 / 2, waitingP99),
        Awake = new StepFigures(1, 1, 1),
        Latency = new StepFigures(2, 2, waitingP99 + 3),
        BacklogStart = 0,
        BacklogEnd = 0,
        BacklogGrowthPerSecond = 0,
        WaitingGrowthMsPerSecond = 0,
        Prediction = index == 0 ? null : new WaitingPrediction(rate, 1.04, 0.1, rate / 300, predicted, predicted, waitingP99 / 3),
        WithinBudget = waitingP99 <= 0.25,
        Saturated = false,
    };

    private static string[] Strings(JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "(null)").ToArray();
}
