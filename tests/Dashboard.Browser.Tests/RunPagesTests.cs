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
public sealed partial class RunPagesTests(BrowserFixture fixture) : IAsyncLifetime
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

    private IBrowserContext _context = default!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _context = await fixture.NewContextAsync();
        _page = await _context.NewPageAsync();
    }

    public Task DisposeAsync() => _context.CloseAsync();

    [Fact]
    public async Task LaunchWatchInspectStop_ShortScenarioFromTheJsonView_RunsLiveThenStopsAndIsListed()
    {
        var problems = TrackProblems(_page);

        await _page.GotoAsync("");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Launch a run" })).ToBeVisibleAsync();
        await Expect(_page.Locator("li[data-scenario=\"io-bound\"] svg.load-shape polygon")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(_page, "launch", alsoFullPage: true);

        await Interactive();
        await _page.Locator(".json-view summary").ClickAsync();
        await _page.Locator("#json").FillAsync(ShortScenario);
        await Expect(_page.Locator("#rate")).ToHaveAttributeAsync("placeholder", "50");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        // Started over the circuit, then on to the run's live page.
        await Expect(_page).ToHaveURLAsync(RunPageUrl());
        var runId = _page.Url.Split('/')[^1];
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "browser-io-bound" })).ToBeVisibleAsync();
        await Expect(_page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await _page.EvaluateAsync("() => { window.__sameDocument = true; }");

        // At least two snapshots arrive and change the figures in place.
        for (var update = 0; update < 2; update++)
        {
            var shown = await Figure("sequence").TextContentAsync() ?? "";
            await Expect(Figure("sequence")).Not.ToHaveTextAsync(shown);
        }

        await Expect(Figure("throughput")).ToHaveTextAsync(Number());
        // A chart changes too: it gets the new intervals' points.
        var points = await _page.Locator("[data-chart=throughput]").GetAttributeAsync("data-points") ?? "";
        await Expect(_page.Locator("[data-chart=throughput]")).Not.ToHaveAttributeAsync("data-points", points);
        await Expect(Figure("elapsed")).ToHaveTextAsync(Number());
        await Expect(Figure("status")).ToHaveTextAsync("running");
        foreach (var chart in new[] { "throughput", "latency", "waiting", "utilization", "ready-depth", "share" })
        {
            await Expect(_page.Locator($"[data-chart={chart}] canvas")).ToBeVisibleAsync();
        }

        await Expect(_page.Locator("[data-kinds] tr[data-kind=\"io-bound\"] .share-bar .share")).ToHaveCountAsync(3);
        var sampled = _page.Locator("[data-samples=recent] a.task-link").First;
        await Expect(sampled).ToBeVisibleAsync();

        // A few seconds in, so the screenshot's charts have a shape.
        await _page.WaitForFunctionAsync(
            "() => Number.parseFloat(document.querySelector('[data-figure=elapsed]')?.textContent ?? '0') >= 6",
            null,
            new() { Timeout = 20_000 });
        await Screenshots.SaveAsync(_page, "live-run", alsoFullPage: true);

        // Its 2 s warm-up is greyed on every chart, up to where it ended.
        foreach (var chart in new[] { "throughput", "latency", "waiting", "utilization", "ready-depth", "share" })
        {
            var until = await _page.Locator($"[data-chart={chart}]").GetAttributeAsync("data-veil-until");
            Assert.InRange(double.Parse(until ?? "0", System.Globalization.CultureInfo.InvariantCulture), 1.5, 2.5);
        }

        // The change control acts in place over the circuit: a negative rate is refused as it is typed, with
        // the run's own words and Apply disabled; a new rate applies and the offered rate follows.
        await _page.Locator("#change-rate").FillAsync("-1");
        await Expect(_page.Locator("[data-errors-for=change]")).ToHaveTextAsync(new Regex("^rate: expected a rate from 0 to"));
        await Expect(_page.Locator("#change-rate")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Apply" })).ToBeDisabledAsync();
        await _page.Locator("#change-rate").FillAsync("20");
        await Expect(_page.Locator("[data-errors-for=change]")).ToHaveCountAsync(0);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(_page.Locator("[data-control-message]")).ToHaveTextAsync("Rate set to 20 requests/s.");
        await Expect(Figure("target")).ToHaveTextAsync("20");
        // The offered rate follows (50/s before): an interval's throughput comes down to it.
        await _page.WaitForFunctionAsync(
            "() => Number.parseFloat(document.querySelector('[data-figure=throughput]')?.textContent ?? 'NaN') < 30",
            null,
            new() { Timeout = 15_000 });
        Assert.True(await _page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the live page was reloaded");

        // A sampled task's story: its tree and its timeline.
        await sampled.ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex($"/runs/{Regex.Escape(runId)}/tasks/\\d+$"));
        await Expect(_page.Locator(".task-node.current")).ToBeVisibleAsync();
        await Expect(_page.Locator(".timeline-strip rect.span").First).ToBeVisibleAsync();
        await Expect(_page.Locator(".timeline-tick text").First).ToHaveTextAsync("0 ms");
        await Screenshots.SaveAsync(_page, "task-story", alsoFullPage: true);

        // Its parent is its keep-alive connection, still alive: that story is read from the loop and grows.
        await _page.Locator("[data-parent-link]").ClickAsync();
        await Expect(_page.Locator("[data-story-status]")).ToHaveTextAsync("alive · growing as it runs");
        await Expect(_page.Locator(".task-node.current")).ToBeVisibleAsync();
        var age = await Figure("lifetime").TextContentAsync() ?? "";
        await Expect(Figure("lifetime")).Not.ToHaveTextAsync(age);
        await Expect(_page.Locator("[data-outcome]")).ToHaveTextAsync("still running");
        await Screenshots.SaveAsync(_page, "task-story-live", alsoFullPage: true);

        await _page.GotoAsync($"runs/{runId}");
        await Expect(_page).ToHaveURLAsync(RunPageUrl());
        await Expect(_page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Stop run" }).ClickAsync();
        await Expect(Figure("status")).ToHaveTextAsync("stopped", new() { Timeout = 20_000 });
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Stop run" })).ToBeDisabledAsync();
        await Expect(_page.Locator("[data-run-verdict]")).ToBeVisibleAsync();
        await Expect(Figure("verdict-kind")).ToHaveTextAsync(new Regex("^(healthy|saturated|blocked|no-data)$"));
        await Screenshots.SaveAsync(_page, "live-run-stopped");

        await _page.GotoAsync("runs");
        var row = _page.Locator($"tr[data-run-id=\"{runId}\"]");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("stopped");
        await Expect(row.Locator("a.run-link")).ToHaveTextAsync("browser-io-bound");
        await Expect(_page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await Screenshots.SaveAsync(_page, "runs", alsoFullPage: true);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task LaunchForm_BadValues_ShowEachProblemNextToItsFieldAsYouTypeAndStartIsRefused()
    {
        var problems = TrackProblems(_page);
        await _page.GotoAsync("");
        await Interactive();
        await _page.Locator("#scenario").SelectOptionAsync("hello");
        var start = _page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Expect(start).ToBeEnabledAsync();

        // The page's own check: not a number, shown while typing, no button pressed.
        await _page.Locator("#rate").FillAsync("fast");
        await Expect(_page.Locator("[data-errors-for=rate]")).ToContainTextAsync("expected a number of requests per second");
        await Expect(_page.Locator("#rate")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(start).ToBeDisabledAsync();

        // The server's validation, mapped from its JSON path to the field that set it.
        await _page.Locator("#rate").FillAsync("");
        await Expect(_page.Locator("[data-errors-for=rate]")).ToHaveCountAsync(0);
        await _page.Locator("#connections").FillAsync("0");
        await Expect(_page.Locator("[data-errors-for=connections]")).ToContainTextAsync("expected");
        await Expect(start).ToBeDisabledAsync();
        await Screenshots.SaveAsync(_page, "launch-invalid");

        // The JSON view: the problem shows under the box, with its path.
        await _page.Locator(".json-view summary").ClickAsync();
        await _page.Locator("#json").FillAsync(ShortScenario.Replace("\"rate\": 50", "\"rate\": -5", StringComparison.Ordinal));
        await Expect(_page.Locator("[data-errors-for=json]")).ToContainTextAsync("phases[0].inject.rate:");
        await Expect(_page.Locator(".json-view")).ToHaveAttributeAsync("open", "");
        await Expect(start).ToBeDisabledAsync();

        Assert.EndsWith("/", new Uri(_page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task LaunchForm_ChooseThenType_TheJsonViewFollowsTheFields()
    {
        await _page.GotoAsync("");
        await Interactive();

        // Choosing a scenario shows its own values and its JSON without a reload.
        await _page.Locator("#scenario").SelectOptionAsync("hello");
        await Expect(_page.Locator("#rate")).ToHaveAttributeAsync("placeholder", "50");
        await Expect(_page.Locator("#duration")).ToHaveAttributeAsync("placeholder", "3");
        Assert.Contains("\"name\": \"hello\"", await _page.Locator("#json").InputValueAsync());
        await Expect(_page.Locator("li.scenario-card.selected")).ToHaveAttributeAsync("data-scenario", "hello");
        await Expect(_page).ToHaveURLAsync(new Regex("\\?scenario=hello$"));

        await _page.Locator("#scenario").SelectOptionAsync("io-bound");
        await Expect(_page.Locator("#rate")).ToHaveAttributeAsync("placeholder", "200");
        await _page.Locator("#rate").FillAsync("100");
        await _page.Locator("#duration").FillAsync("10");

        await Expect(_page.Locator("#json")).ToHaveValueAsync(new Regex("\"during\": \"8s\""));
        var json = await _page.Locator("#json").InputValueAsync();
        Assert.Contains("\"name\": \"io-bound\"", json);
        Assert.Contains("\"rate\": 100", json);
        Assert.Contains("\"during\": \"2s\"", json);
    }

    [Fact]
    public async Task Pages_UnknownRunAndTask_Answer404WithAMessage()
    {
        var run = await _page.GotoAsync("runs/no-such-run");
        Assert.Equal(404, run!.Status);
        await Expect(_page.Locator("[data-not-found]")).ToContainTextAsync("No run with id");

        var task = await _page.GotoAsync("runs/no-such-run/tasks/12");
        Assert.Equal(404, task!.Status);
        await Expect(_page.Locator("[data-not-found]")).ToBeVisibleAsync();
    }

    private ILocator Figure(string name) => _page.Locator($"[data-figure={name}]");

    /// <summary>Waits for the circuit to take over the prerendered launch form (typing before that is lost).</summary>
    private Task Interactive() => Expect(_page.Locator("form.launch-form[data-interactive]")).ToBeVisibleAsync();

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
