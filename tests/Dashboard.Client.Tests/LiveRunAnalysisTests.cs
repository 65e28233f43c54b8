using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests;

/// <summary>The live page's best-and-worst-case parts: prediction beside measurement, the what-if form, blockers, the sweep.</summary>
public sealed partial class LiveRunAnalysisTests
{
    [Fact]
    public async Task Render_LatestPrediction_ShowsMeasuredBesideBothModelsWithTheAssumptionsUnderTheChart()
    {
        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4) with { Prediction = RunFixtures.Prediction() }));

        Assert.Contains("data-chart=\"prediction\"", html);
        Assert.Equal("198", Html.Figure(html, "prediction-rate"));
        Assert.Equal("1.23", Html.Figure(html, "prediction-service"));
        Assert.Equal("0.56", Html.Figure(html, "prediction-cv2"));
        Assert.Equal(("24.5", "%"), (Html.Figure(html, "prediction-utilization"), Html.UnitOf(html, "prediction-utilization")));
        Assert.Equal(("0.57", "ms"), (Html.Figure(html, "prediction-measured"), Html.UnitOf(html, "prediction-measured")));
        Assert.Equal("0.43 ms", Predicted(html, "prediction-mg1"));
        Assert.Equal("0.35 ms", Predicted(html, "prediction-kingman"));
        // The fixture's scenario sets no arrivals: evenly spaced, Ca² = 0.
        var assumptions = Regex.Match(html, "<p class=\"assumptions\" data-assumptions>([^<]*)</p>").Groups[1].Value;
        Assert.Equal(QueueingAssumptions.Describe(0), WebUtility.HtmlDecode(assumptions));
        Assert.Contains("one server", assumptions);
        Assert.Single(Regex.Matches(WebUtility.HtmlDecode(assumptions), @"\.(\s|$)"));
    }

    [Fact]
    public async Task Render_PredictionAtOrAboveFullUtilization_SaysNoSteadyStateAndBeforeAnyPredictionShowsDashes()
    {
        var saturated = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4) with { Prediction = RunFixtures.Prediction(null, null) }));
        var before = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4)));

        Assert.Equal("no steady state", Predicted(saturated, "prediction-mg1"));
        Assert.Equal("no steady state", Predicted(saturated, "prediction-kingman"));
        Assert.Equal("— ms", Predicted(before, "prediction-mg1"));
        Assert.Equal("—", Html.Figure(before, "prediction-measured"));
    }

    [Fact]
    public async Task Render_WhatIfAsked_AnswersOnTheServerWithUtilizationAndBothPredictions()
    {
        var predictor = new FakeWhatIfPredictor();

        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4)), predictor: predictor, query: "?whatIf=300");

        Assert.Equal((RunFixtures.RunId, (string?)"300"), Assert.Single(predictor.Asked));
        Assert.Contains("<form class=\"what-if\" id=\"what-if\" data-what-if novalidate", html);
        Assert.Matches("<input id=\"what-if-rate\" name=\"whatIf\"[^>]* value=\"300\"", html);
        Assert.Contains("<div class=\"what-if-result\" data-what-if-result role=\"status\">", html);
        Assert.Equal("300", Html.Figure(html, "what-if-rate"));
        Assert.Equal("45.0", Html.Figure(html, "what-if-utilization"));
        Assert.Equal("0.84 ms", Predicted(html, "what-if-mg1"));
        Assert.Equal("0.84 ms", Predicted(html, "what-if-kingman"));
        Assert.Contains("<p class=\"what-if-saturated\" data-what-if-saturated hidden>", html);
        Assert.Contains("From the run's measured service time 1.50 ms (Cs² 0.50) and arrivals with Ca² 1.", WebUtility.HtmlDecode(html));
        Assert.Contains("<ul class=\"field-errors\" id=\"whatIf-errors\" data-errors-for=\"whatIf\" role=\"alert\" hidden>", html);
    }

    [Fact]
    public async Task Render_WhatIfRefused_ShowsThePreciseErrorNextToTheFieldAndKeepsWhatWasTyped()
    {
        const string message = "expected a number of requests per second (digits, a dot for decimals), got 'fast'";
        var predictor = new FakeWhatIfPredictor(new WhatIfAnswer(WhatIfOutcome.InvalidRate, null, [new FieldError("rate", message)]));

        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4)), predictor: predictor, query: "?whatIf=fast");

        Assert.Contains("value=\"fast\"", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains($"<ul class=\"field-errors\" id=\"whatIf-errors\" data-errors-for=\"whatIf\" role=\"alert\"><li>{message}</li></ul>", WebUtility.HtmlDecode(html));
        Assert.Contains("<div class=\"what-if-result\" data-what-if-result hidden role=\"status\">", html);
    }

    [Fact]
    public async Task Render_WhatIfPastSaturation_SaysThereIsNoSteadyState()
    {
        var predictor = new FakeWhatIfPredictor(new WhatIfAnswer(WhatIfOutcome.Predicted, RunFixtures.WhatIf(800, null, null), []));

        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4)), predictor: predictor, query: "?whatIf=800");

        Assert.Equal("120.0", Html.Figure(html, "what-if-utilization"));
        Assert.Equal("no steady state", Predicted(html, "what-if-mg1"));
        Assert.Equal("no steady state", Predicted(html, "what-if-kingman"));
        Assert.Contains("<p class=\"what-if-saturated\" data-what-if-saturated>No steady state: at this rate the loop would need 120.0 % of its time, so waiting grows without bound.</p>", html);
    }

    [Fact]
    public async Task Render_Blockers_ListTheWorstBlocksWithVictimsAndEachKindsWaitingByVictimKind()
    {
        var info = RunFixtures.Info() with
        {
            WorstBlocks = [RunFixtures.Block(901), RunFixtures.Block(902, 100), RunFixtures.Block(903, 50)],
            Blockers = [RunFixtures.Blockers(), RunFixtures.Blockers("json-heavy")],
        };

        var html = await RenderAsync(RunFixtures.Details(info, RunFixtures.Snapshot(4)), new DashboardUiOptions { MaxBlockerRows = 2 });

        var worst = Html.BodyRows(html, "data-worst-blocks");
        Assert.Equal(2, worst.Count);
        Assert.Contains("data-task-id=\"901\"", worst[0]);
        Assert.Contains($"<a class=\"task-link\" href=\"runs/{RunFixtures.RunId}/tasks/901\">GET /w/blocker</a> <span class=\"muted\">#901</span>", worst[0]);
        Assert.Contains("<td class=\"kind-name\">blocker</td>", worst[0]);
        Assert.Equal(["213 ms", "37 tasks", "3,211 ms"], Html.Quantities(worst[0]));
        Assert.Contains("<td class=\"victims\">hello ×30: 3,000 ms · connection ×5: 201 ms · accept ×2: 10.0 ms</td>", WebUtility.HtmlDecode(worst[0]));
        Assert.Contains("data-task-id=\"902\"", worst[1]);

        var kinds = Html.BodyRows(html, "data-blocker-kinds");
        Assert.Equal(2, kinds.Count);
        Assert.Contains("data-kind=\"blocker\"", kinds[0]);
        Assert.Equal(["4 blocks", "201 ms", "150 tasks", "12,346 ms", "82.3 ms"], Html.Quantities(kinds[0]));
        Assert.Contains("<td class=\"victims\">hello: 12,000 ms · connection: 346 ms</td>", WebUtility.HtmlDecode(kinds[0]));
    }

    [Fact]
    public async Task Render_NoBlockerYet_SaysSoInBothTables()
    {
        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4)));

        Assert.Contains("No step has held the loop past the slow-step threshold yet.", Html.BodyRows(html, "data-worst-blocks").Single());
        Assert.Contains("No step has held the loop past the slow-step threshold yet.", Html.BodyRows(html, "data-blocker-kinds").Single());
    }

    [Fact]
    public async Task Render_HostileBlockerNames_AreEncoded()
    {
        var info = RunFixtures.Info() with { WorstBlocks = [RunFixtures.Block(1, name: "<img src=x onerror=alert(1)>", kind: "<b>k</b>")] };

        var html = await RenderAsync(RunFixtures.Details(info, RunFixtures.Snapshot(4)));

        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>k</b>", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }

    [Fact]
    public async Task Render_Sweep_ShowsTheStepsAndTheBestKneeAndWorstCaseInWords()
    {
        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4) with { Sweep = RunFixtures.Sweep() }), new DashboardUiOptions { MaxSweepRows = 10 });

        Assert.Contains("<section class=\"panel sweep-panel\" aria-labelledby=\"sweep-title\" data-sweep>", html);
        Assert.Contains("data-chart=\"sweep\"", html);
        Assert.Contains("<span class=\"pill pill-live\" data-sweep-status>sweep running</span>", html);
        Assert.Equal(
            "Best case: 200 requests/s at 22.0 % utilization, waiting p99 0.24 ms within the 0.25 ms budget (0.25 × mean service time 1.04 ms).",
            Item(html, "data-sweep-best"));
        Assert.Equal("Knee: the loop kept up with up to 300 requests/s.", Item(html, "data-sweep-knee"));
        Assert.Equal(
            "Worst case: saturation from 400 requests/s; beyond it waiting grows 38.3 ms per second and the backlog 37.5 requests per second.",
            Item(html, "data-sweep-worst"));
        Assert.Contains("<li data-sweep-stop hidden>", html);

        var steps = Html.BodyRows(html, "data-sweep-steps");
        Assert.Equal(4, steps.Count);
        Assert.Equal(["100 /s", "99.5 /s", "11.0 %", "0.02 ms", "0.12 ms", "1.90 ms", "0.01 ms", "0.00 req/s"], Html.Quantities(steps[0]));
        Assert.Contains("<span class=\"pill pill-ok\">within budget</span>", steps[0]);
        Assert.Contains("<span class=\"pill pill-muted\">over budget</span>", steps[2]);
        Assert.Contains("<span class=\"pill pill-live\">running</span>", steps[3]);
        Assert.Contains("no steady state", steps[3]);
    }

    [Fact]
    public async Task Render_SweepWithoutCasesYet_SaysWhatIsNotKnownYetAndShowsOnlyTheNewestSteps()
    {
        var sweep = RunFixtures.Sweep(withCases: false) with { Status = "saturated", StopReason = "waiting p99 over 50 ms" };

        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4) with { Sweep = sweep }), new DashboardUiOptions { MaxSweepRows = 2 });

        Assert.Equal("Best case: no step has kept waiting p99 within the 0.25 ms budget (0.25 × mean service time 1.04 ms) yet.", Item(html, "data-sweep-best"));
        Assert.Equal("Knee: no step has kept up yet.", Item(html, "data-sweep-knee"));
        Assert.Equal("Worst case: the loop has kept up at every step so far.", Item(html, "data-sweep-worst"));
        Assert.Equal("waiting p99 over 50 ms", Item(html, "data-sweep-stop"));
        Assert.Contains("data-sweep-status>stopped at saturation</span>", html);
        var rows = Html.BodyRows(html, "data-sweep-steps");
        Assert.Equal(["data-step=\"2\"", "data-step=\"3\""], rows.Select(r => Regex.Match(r, "data-step=\"\\d+\"").Value));
        // The sweep has ended: its unfinished last step, where saturation stopped it, was cut short, not running.
        Assert.Contains("<span class=\"pill pill-bad\">saturated (cut short)</span>", rows[1]);
    }

    [Fact]
    public async Task Render_RunWithoutSweep_HidesTheSweepPanel()
    {
        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4)));

        Assert.Contains("<section class=\"panel sweep-panel\" aria-labelledby=\"sweep-title\" data-sweep hidden>", html);
        Assert.Contains("No step measured yet.", Html.BodyRows(html, "data-sweep-steps").Single());
    }

    [Fact]
    public async Task Render_EndedRun_ShowsTheRunsFinalSweepRatherThanTheLastIntervals()
    {
        var final = RunFixtures.Sweep() with { Status = "completed" };
        var info = RunFixtures.Info(RunStatus.Completed) with { Sweep = final };

        var html = await RenderAsync(RunFixtures.Details(info, RunFixtures.Snapshot(4) with { Sweep = RunFixtures.Sweep(withCases: false) }));

        Assert.Contains("data-sweep-status>completed</span>", html);
        Assert.StartsWith("Best case: 200 requests/s", Item(html, "data-sweep-best"), StringComparison.Ordinal);
    }

    private static Task<string> RenderAsync(RunDetails details, DashboardUiOptions? options = null, FakeWhatIfPredictor? predictor = null, string query = "") =>
        ComponentRenderer.RenderAsync<LiveRun>(
            options: options,
            path: "runs/" + details.Info.Id + query,
            parameters: new Dictionary<string, object?> { ["RunId"] = details.Info.Id },
            services: s =>
            {
                s.AddSingleton<IRunDirectory>(new FakeRunDirectory([details]));
                s.AddSingleton<IWhatIfPredictor>(predictor ?? new FakeWhatIfPredictor());
            });

    /// <summary>The text of a predicted waiting (PredictedWait): "0.43 ms", "no steady state" or "— ms".</summary>
    private static string Predicted(string html, string name)
    {
        var start = html.IndexOf($"data-predicted=\"{name}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no data-predicted=\"{name}\"");
        var end = Regex.Match(html[start..], "</d[dt]>|</td>").Index;
        var text = Tags().Replace(html.Substring(start, end)[(html.IndexOf('>', start) - start + 1)..], " ");
        return Regex.Replace(WebUtility.HtmlDecode(text), "\\s+", " ").Trim();
    }

    private static string Item(string html, string attribute)
    {
        var match = Regex.Match(html, $"<li {attribute}[^>]*>([^<]*)</li>");
        Assert.True(match.Success, $"no <li {attribute}>");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
