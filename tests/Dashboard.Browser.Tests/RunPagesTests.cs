using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The run pages in a real browser against the real host: launch from the launch page's form,
/// watch the live page update from the hub, open a sampled task's story, stop the run, find it
/// in the run list. Screenshots of each page are saved for people to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RunPagesTests(BrowserFixture fixture) : PageTests(fixture)
{
    // Long enough to still be running after every check below; the test stops it.
    private const string ShortScenario = """
        {
          "name": "browser-io-bound",
          "description": "The io-bound workload at 50 requests/s, for the browser tests.",
          "target": { "workload": "io-bound" },
          "warmUp": "2s",
          "phases": [ { "inject": { "rate": 50, "during": "20s" } } ],
          "connections": 20,
          "thresholds": [ "errors.rate < 1%" ]
        }
        """;

    [Fact]
    public async Task LaunchWatchInspectStop_ShortScenarioFromTheJsonView_RunsLiveThenStopsAndIsListed()
    {
        var problems = TrackProblems(Page);

        await Page.GotoAsync("");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Launch a run" })).ToBeVisibleAsync();
        await Expect(Page.Locator("li[data-scenario=\"io-bound\"] svg.load-shape polygon")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "launch", alsoFullPage: true);

        await Interactive();
        await Page.Locator(".json-view summary").ClickAsync();
        await Page.Locator("#json").FillAsync(ShortScenario);
        await Expect(Page.Locator("#rate")).ToHaveAttributeAsync("placeholder", "50");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        // Started over the circuit, then on to the run's live page.
        await Expect(Page).ToHaveURLAsync(RunPageUrl());
        var runId = Page.Url.Split('/')[^1];
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "browser-io-bound" })).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await Page.EvaluateAsync("() => { window.__sameDocument = true; }");

        // At least two snapshots arrive and change the figures in place.
        for (var update = 0; update < 2; update++)
        {
            var shown = await Figure("sequence").TextContentAsync() ?? "";
            await Expect(Figure("sequence")).Not.ToHaveTextAsync(shown);
        }

        await Expect(Figure("throughput")).ToHaveTextAsync(Number());
        // A chart changes too: it gets the new intervals' points.
        var points = await Page.Locator("[data-chart=throughput]").GetAttributeAsync("data-points") ?? "";
        await Expect(Page.Locator("[data-chart=throughput]")).Not.ToHaveAttributeAsync("data-points", points);
        await Expect(Figure("elapsed")).ToHaveTextAsync(Number());
        await Expect(Figure("status")).ToHaveTextAsync("running");
        foreach (var chart in new[] { "throughput", "latency", "waiting", "utilization", "ready-depth", "share" })
        {
            await Expect(Page.Locator($"[data-chart={chart}] canvas")).ToBeVisibleAsync();
        }

        await Expect(Page.Locator("[data-kinds] tr[data-kind=\"io-bound\"] .share-bar .share")).ToHaveCountAsync(3);
        var sampled = Page.Locator("[data-samples=recent] a.task-link").First;
        await Expect(sampled).ToBeVisibleAsync();

        // A few seconds in, so the screenshot's charts have a shape.
        await Page.WaitForFunctionAsync(
            "() => Number.parseFloat(document.querySelector('[data-figure=elapsed]')?.textContent ?? '0') >= 6",
            null,
            new() { Timeout = 20_000 });
        await Screenshots.SaveAsync(Page, "live-run", alsoFullPage: true);

        // Its 2 s warm-up is greyed on every chart, up to where it ended.
        foreach (var chart in new[] { "throughput", "latency", "waiting", "utilization", "ready-depth", "share" })
        {
            var until = await Page.Locator($"[data-chart={chart}]").GetAttributeAsync("data-veil-until");
            Assert.InRange(double.Parse(until ?? "0", System.Globalization.CultureInfo.InvariantCulture), 1.5, 2.5);
        }

        // The change control acts in place over the circuit: a negative rate is refused as it is typed, with
        // the run's own words and Apply disabled; a new rate applies and the offered rate follows.
        await Page.Locator("#change-rate").FillAsync("-1");
        await Expect(Page.Locator("[data-errors-for=change]")).ToHaveTextAsync(new Regex("^rate: expected a rate from 0 to"));
        await Expect(Page.Locator("#change-rate")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Apply" })).ToBeDisabledAsync();
        await Page.Locator("#change-rate").FillAsync("20");
        await Expect(Page.Locator("[data-errors-for=change]")).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(Page.Locator("[data-control-message]")).ToHaveTextAsync("Rate set to 20 requests/s.");
        await Expect(Figure("target")).ToHaveTextAsync("20");
        // The offered rate follows (50/s before): an interval's throughput comes down to it.
        await Page.WaitForFunctionAsync(
            "() => Number.parseFloat(document.querySelector('[data-figure=throughput]')?.textContent ?? 'NaN') < 30",
            null,
            new() { Timeout = 15_000 });
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the live page was reloaded");

        // A sampled task's story: its tree and its timeline.
        await sampled.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/runs/{Regex.Escape(runId)}/tasks/\\d+$"));
        await Expect(Page.Locator(".task-node.current")).ToBeVisibleAsync();
        await Expect(Page.Locator(".timeline-strip rect.span").First).ToBeVisibleAsync();
        await Expect(Page.Locator(".timeline-tick text").First).ToHaveTextAsync("0 ms");
        await Screenshots.SaveAsync(Page, "task-story", alsoFullPage: true);

        // Its parent is its keep-alive connection, still alive: that story is read from the loop and grows.
        await Page.Locator("[data-parent-link]").ClickAsync();
        await Expect(Page.Locator("[data-story-status]")).ToHaveTextAsync("alive · growing as it runs");
        await Expect(Page.Locator(".task-node.current")).ToBeVisibleAsync();
        var age = await Figure("lifetime").TextContentAsync() ?? "";
        await Expect(Figure("lifetime")).Not.ToHaveTextAsync(age);
        await Expect(Page.Locator("[data-outcome]")).ToHaveTextAsync("still running");
        await Screenshots.SaveAsync(Page, "task-story-live", alsoFullPage: true);

        await Page.GotoAsync($"runs/{runId}");
        await Expect(Page).ToHaveURLAsync(RunPageUrl());
        await Expect(Page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Stop run" }).ClickAsync();
        await Expect(Figure("status")).ToHaveTextAsync("stopped", new() { Timeout = 20_000 });
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Stop run" })).ToBeDisabledAsync();
        await Expect(Page.Locator("[data-run-verdict]")).ToBeVisibleAsync();
        await Expect(Figure("verdict-kind")).ToHaveTextAsync(new Regex("^(healthy|saturated|blocked|no-data)$"));
        await Screenshots.SaveAsync(Page, "live-run-stopped");

        await Page.GotoAsync("runs");
        var row = Page.Locator($"tr[data-run-id=\"{runId}\"]");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("stopped");
        await Expect(row.Locator("a.run-link")).ToHaveTextAsync("browser-io-bound");
        await Expect(Page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await Screenshots.SaveAsync(Page, "runs", alsoFullPage: true);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task LaunchForm_BadValues_ShowEachProblemNextToItsFieldAsYouTypeAndStartIsRefused()
    {
        var problems = TrackProblems(Page);
        await Page.GotoAsync("");
        await Interactive();
        await Page.Locator("#scenario").SelectOptionAsync("hello");
        var start = Page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Expect(start).ToBeEnabledAsync();

        // The page's own check: not a number, shown while typing, no button pressed.
        await Page.Locator("#rate").FillAsync("fast");
        await Expect(Page.Locator("[data-errors-for=rate]")).ToContainTextAsync("expected a number of requests per second");
        await Expect(Page.Locator("#rate")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(start).ToBeDisabledAsync();

        // The server's validation, mapped from its JSON path to the field that set it.
        await Page.Locator("#rate").FillAsync("");
        await Expect(Page.Locator("[data-errors-for=rate]")).ToHaveCountAsync(0);
        await Page.Locator("#connections").FillAsync("0");
        await Expect(Page.Locator("[data-errors-for=connections]")).ToContainTextAsync("expected");
        await Expect(start).ToBeDisabledAsync();
        await Screenshots.SaveAsync(Page, "launch-invalid");

        // The JSON view: the problem shows under the box, with its path.
        await Page.Locator(".json-view summary").ClickAsync();
        await Page.Locator("#json").FillAsync(ShortScenario.Replace("\"rate\": 50", "\"rate\": -5", StringComparison.Ordinal));
        await Expect(Page.Locator("[data-errors-for=json]")).ToContainTextAsync("phases[0].inject.rate:");
        await Expect(Page.Locator(".json-view")).ToHaveAttributeAsync("open", "");
        await Expect(start).ToBeDisabledAsync();

        Assert.EndsWith("/", new Uri(Page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task LaunchForm_ChooseThenType_TheJsonViewFollowsTheFields()
    {
        await Page.GotoAsync("");
        await Interactive();

        // Choosing a scenario shows its own values and its JSON without a reload.
        await Page.Locator("#scenario").SelectOptionAsync("hello");
        await Expect(Page.Locator("#rate")).ToHaveAttributeAsync("placeholder", "50");
        await Expect(Page.Locator("#duration")).ToHaveAttributeAsync("placeholder", "3");
        Assert.Contains("\"name\": \"hello\"", await Page.Locator("#json").InputValueAsync());
        await Expect(Page.Locator("li.scenario-card.selected")).ToHaveAttributeAsync("data-scenario", "hello");
        await Expect(Page).ToHaveURLAsync(new Regex("\\?scenario=hello$"));

        await Page.Locator("#scenario").SelectOptionAsync("io-bound");
        await Expect(Page.Locator("#rate")).ToHaveAttributeAsync("placeholder", "200");
        await Page.Locator("#rate").FillAsync("100");
        await Page.Locator("#duration").FillAsync("10");

        await Expect(Page.Locator("#json")).ToHaveValueAsync(new Regex("\"during\": \"8s\""));
        var json = await Page.Locator("#json").InputValueAsync();
        Assert.Contains("\"name\": \"io-bound\"", json);
        Assert.Contains("\"rate\": 100", json);
        Assert.Contains("\"during\": \"2s\"", json);
    }

    [Fact]
    public async Task Pages_UnknownRunAndTask_Answer404WithAMessage()
    {
        var run = await Page.GotoAsync("runs/no-such-run");
        Assert.Equal(404, run!.Status);
        await Expect(Page.Locator("[data-not-found]")).ToContainTextAsync("No run with id");

        var task = await Page.GotoAsync("runs/no-such-run/tasks/12");
        Assert.Equal(404, task!.Status);
        await Expect(Page.Locator("[data-not-found]")).ToBeVisibleAsync();
    }

    private ILocator Figure(string name) => Page.Locator($"[data-figure={name}]");

    /// <summary>Waits for the circuit to take over the prerendered launch form (typing before that is lost).</summary>
    private Task Interactive() => Expect(Page.Locator("form.launch-form[data-interactive]")).ToBeVisibleAsync();

    private static List<string> TrackProblems(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };
        return problems;
    }

    [GeneratedRegex(@"/runs/[0-9a-z-]+$")]
    private static partial Regex RunPageUrl();

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})*(\.\d{1,2})?$")]
    private static partial Regex Number();
}
