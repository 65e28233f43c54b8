using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The live page's best-and-worst-case parts in a real browser on a live run of the catalog's
/// blocker scenario: the prediction chart, the what-if form (answered in place, and by the server
/// without JavaScript), and the blockers with their victims.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AnalysisPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    [Fact]
    public async Task BlockerRun_LivePage_ShowsPredictionWhatIfAndBlockersWithVictims()
    {
        var problems = PageProblems.Watch(Page);

        var started = await Page.APIRequest.PostAsync("api/runs?scenario=blocker");
        Assert.Equal(201, started.Status);
        var runId = (await started.JsonAsync())!.Value.GetProperty("id").GetString()!;
        try
        {
            await Page.GotoAsync($"runs/{runId}");
            await Expect(Page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));

            // Prediction beside measurement: the chart, live figures, and the one-sentence assumptions (blocker.json: Poisson).
            await Expect(Page.Locator("[data-chart=prediction] canvas")).ToBeVisibleAsync();
            await Expect(Figure("prediction-measured")).ToHaveTextAsync(Number(), new() { Timeout = 20_000 });
            await Expect(Figure("prediction-utilization")).ToHaveTextAsync(Number());
            await Expect(Page.Locator("[data-assumptions]")).ToContainTextAsync("Poisson arrivals, Ca² = 1");
            await Expect(Page.Locator("[data-sweep]")).ToBeHiddenAsync();

            // What if: answered in place as you type, without a reload. The service time is measured
            // after the warm-up (blocker.json: 2 s), from the run's first measured requests, which may
            // queue behind the warm-up's backlog: until one has completed the server says so; ask again.
            await Page.EvaluateAsync("() => { window.__sameDocument = true; }");
            await Page.Locator("#what-if-rate").FillAsync("150");
            await Waits.UntilAsync(
                async () =>
                {
                    await Page.GetByRole(AriaRole.Button, new() { Name = "Predict" }).ClickAsync();
                    await Task.Delay(300);
                    return await Page.Locator("[data-what-if-result]").IsVisibleAsync() ? "answered" : null;
                },
                "a what-if answer (a measured request of the run completed on the loop)",
                TimeSpan.FromSeconds(20));
            await Expect(Figure("what-if-rate")).ToHaveTextAsync("150");
            await Expect(Figure("what-if-utilization")).ToHaveTextAsync(Number());
            await Expect(Page.Locator("[data-predicted=what-if-mg1]")).ToHaveTextAsync(PredictedWaiting());
            await Expect(Page.Locator("[data-predicted=what-if-kingman]")).ToHaveTextAsync(PredictedWaiting());
            // The address keeps the question: a reload shows the same answer.
            await Expect(Page).ToHaveURLAsync(new Regex("\\?whatIf=150$"));

            // A bad rate, as it is typed: the server's words next to the field, the old answer gone.
            await Page.Locator("#what-if-rate").FillAsync("fast");
            await Expect(Page.Locator("[data-errors-for=whatIf]")).ToHaveTextAsync("expected a number of requests per second (digits, a dot for decimals), got 'fast'");
            await Expect(Page.Locator("[data-what-if-result]")).ToBeHiddenAsync();
            await Expect(Page.Locator("#what-if-rate")).ToHaveAttributeAsync("aria-invalid", "true");
            Assert.True(await Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the live page was reloaded");

            // Blockers: the 200 ms steps of blocker.json, with their victims, kept current while the run goes.
            // Not necessarily the first row: on a crowded machine a cold connection step once held
            // the loop longer than the blocker did, and it is rightly listed above it.
            var worst = Page.Locator("[data-worst-blocks] tr[data-task-id]")
                .Filter(new() { Has = Page.Locator("td.kind-name", new() { HasText = "blocker" }) }).First;
            await Expect(worst).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(Page.Locator("[data-blocker-kinds] tr[data-kind]").First).ToBeVisibleAsync();
            // Kept current while the run goes (each update reads the run's own tally): the blocker kind's count moves.
            var blocks = Page.Locator("[data-blocker-kinds] tr[data-kind=\"blocker\"] td.num .value").First;
            var counted = await blocks.TextContentAsync() ?? "";
            await Expect(blocks).Not.ToHaveTextAsync(counted, new() { Timeout = 15_000 });
            var held = await worst.Locator("td.num .value").First.TextContentAsync();
            Assert.InRange(double.Parse(held!, System.Globalization.CultureInfo.InvariantCulture), 150, 2_000);

            await Page.Locator("#what-if-rate").FillAsync("150");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Predict" }).ClickAsync();
            await Expect(Figure("what-if-utilization")).ToHaveTextAsync(Number());
            await Page.Locator("[data-prediction]").ScrollIntoViewIfNeededAsync();
            await Screenshots.SaveAsync(Page, "live-run-analysis", alsoFullPage: true);
            await Page.EvaluateAsync("() => document.querySelector('[data-blockers]').scrollIntoView({ block: 'start' })");
            await Screenshots.SaveAsync(Page, "live-run-blockers");

            // Without JavaScript: the page as the server renders it answers the question in its address.
            var plain = await Context.NewPageAsync();
            await plain.RouteAsync("**/*.js", route => route.AbortAsync());
            await plain.GotoAsync($"runs/{runId}?whatIf=100");
            await Expect(plain.Locator("[data-what-if-result]")).ToBeVisibleAsync();
            await Expect(plain.Locator("[data-figure=what-if-rate]")).ToHaveTextAsync("100");
            await Expect(plain.Locator("[data-figure=what-if-utilization]")).ToHaveTextAsync(Number());
            await plain.GotoAsync($"runs/{runId}?whatIf=-3");
            await Expect(plain.Locator("[data-errors-for=whatIf]")).ToHaveTextAsync("expected a rate above 0 requests per second, got -3");
            await plain.CloseAsync();
        }
        finally
        {
            await Page.APIRequest.PostAsync($"api/runs/{runId}/stop");
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task WhatIfApi_FromTheBrowser_AnswersJsonOrAProblemNamingTheRate()
    {
        var response = await Page.APIRequest.GetAsync("api/runs/no-such-run/prediction?rate=10");
        Assert.Equal(404, response.Status);
        var problem = (await response.JsonAsync())!.Value;
        Assert.Equal("id", problem.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.String, problem.GetProperty("errors")[0].GetProperty("message").ValueKind);
    }

    private ILocator Figure(string name) => Page.Locator($"[data-figure={name}]");

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})*(\.\d{1,2})?$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^(\d{1,3}(,\d{3})*(\.\d{1,2})?\s*ms|no steady state)$")]
    private static partial Regex PredictedWaiting();
}
