using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class LoopPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    [Fact]
    public async Task LoopPage_Opened_ShowsFiguresWithTheirUnits()
    {
        await Page.GotoAsync("loop");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Event loop" })).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-figure=running]")).ToHaveTextAsync("running");
        await Expect(Figure("utilization")).ToHaveTextAsync(Number());
        await Expect(Unit("utilization")).ToHaveTextAsync("%");
        await Expect(Figure("timer-lag-p99")).ToHaveTextAsync(Number());
        await Expect(Unit("timer-lag-p99")).ToHaveTextAsync("ms");
        await Expect(Unit("steps-per-second")).ToHaveTextAsync("/s");
        await Expect(Unit("ready-max")).ToHaveTextAsync("tasks");
        await Expect(Page.GetByText("queued behind other work")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LoopPage_OverItsCircuit_MovesItsIntervalAndAChartWithinTwoSecondsWithNoScriptOfItsOwn()
    {
        var problems = PageProblems.Watch(Page);
        await Page.GotoAsync("loop");
        await Expect(Page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        var sequence = await Figure("sequence").TextContentAsync();
        var chart = Page.Locator("[data-chart=utilization]");
        var lastX = await chart.GetAttributeAsync("data-last-x");

        await Expect(Figure("sequence")).Not.ToHaveTextAsync(sequence ?? "", new() { Timeout = 2_000 });
        await Expect(chart).Not.ToHaveAttributeAsync("data-last-x", lastX ?? "", new() { Timeout = 2_000 });

        // Blazor's own script and nothing else: the page's figures and charts are driven from C#.
        var scripts = await Page.EvaluateAsync<string[]>("() => [...document.scripts].map(s => s.getAttribute('src') ?? 'inline:' + s.type)");
        Assert.All(scripts, src => Assert.Matches("^_framework/blazor\\.web(\\.[a-z0-9]+)?\\.js$|^inline:importmap$", src));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task LoopPage_OverItsCircuit_DrawsACanvasPerChart()
    {
        await Page.GotoAsync("loop");

        await Expect(Page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        foreach (var chart in new[] { "utilization", "ready-depth", "timer-lag" })
        {
            await Expect(Page.Locator($"[data-chart={chart}] canvas")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task LoopPage_WhileTasksRun_UpdatesFiguresAndKindRowsWithoutReloading()
    {
        var kind = "browser-probe-" + Guid.NewGuid().ToString("N")[..8];
        await Page.GotoAsync("loop");
        await Expect(Page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await Page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var completedBefore = ParseCount(await Figure("tasks-completed").TextContentAsync());

        var ran = await LoopWorkload.RunAsync(Fixture.Loop, kind, TimeSpan.FromSeconds(2), maxTasks: 400);

        var row = Page.Locator($"tr[data-kind=\"{kind}\"]");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("td").First).ToHaveTextAsync($"{ran:N0}tasks");
        await Expect(row.Locator(".share-bar .share")).ToHaveCountAsync(3);
        await Expect(Figure("tasks-completed")).Not.ToHaveTextAsync(completedBefore.ToString("N0"));
        Assert.True(ParseCount(await Figure("tasks-completed").TextContentAsync()) >= completedBefore + ran);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
    }

    [Fact]
    public async Task LoopPage_Loaded_FetchesEveryAssetAndLogsNoError()
    {
        var problems = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        Page.PageError += (_, error) => problems.Add("page error: " + error);
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };
        Page.RequestFailed += (_, request) => problems.Add($"failed {request.Url}: {request.Failure}");

        await Page.GotoAsync("loop");
        await Expect(Page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        await Expect(Page.Locator("[data-chart=utilization] canvas")).ToBeVisibleAsync();

        Assert.Empty(problems);
    }

    [Fact]
    public async Task LoopPage_UnderLoad_SavesA1280By800Screenshot()
    {
        var kind = "http.request";
        await Page.GotoAsync("loop");
        var load = LoopWorkload.RunAsync(Fixture.Loop, kind, TimeSpan.FromSeconds(8), maxTasks: 3_000);

        // Taken while the load runs, so the figures show a busy loop rather than its aftermath.
        await Expect(Page.Locator($"tr[data-kind=\"{kind}\"]")).ToBeVisibleAsync();
        await Expect(Figure("utilization")).Not.ToHaveTextAsync("0.0");
        await Page.WaitForTimeoutAsync(3_000);
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, "loop.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "loop-full.png"),
            FullPage = true,
        });
        await load;

        var (width, height) = Screenshots.PngSize(await File.ReadAllBytesAsync(path));
        Assert.Equal((1280, 800), (width, height));
    }

    [Fact]
    public async Task LoopPage_AfterProcessSteps_ShowsThePoolsWorkersTheHopAndTheMemoryBesideTheHosts()
    {
        using var loopServer = new HttpClient { BaseAddress = Fixture.LoopServerAddress };
        for (var i = 0; i < 20; i++)
        {
            Assert.Contains("\"processMs\":10", await loopServer.GetStringAsync("/w/process-offloaded"));
        }

        await Page.GotoAsync("loop");

        var pool = Page.Locator("[data-process-pool]");
        await Expect(pool.GetByRole(AriaRole.Heading, new() { Name = "Process pool" })).ToBeVisibleAsync();
        await Expect(Figure("pool-alive")).ToHaveTextAsync(new Regex(@"^(\d+) of \1$"));
        Assert.True(ParseCount(await Figure("pool-completed").TextContentAsync()) >= 20);
        var compute = pool.Locator("tr[data-hop=compute] td");
        Assert.InRange(double.Parse((await compute.Nth(1).TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture), 9.5, 1_000);
        await Expect(pool.Locator("tr[data-memory=workers] td").Nth(1)).ToHaveTextAsync(new Regex(@"^\d[\d.,]* MB$"));
        await Expect(pool.Locator("tr[data-memory=host] td").First).ToContainTextAsync("thread pool has");
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        // The panel updates live: an update that lands during the scroll detaches the element it had; ask again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await pool.ScrollIntoViewIfNeededAsync();
                await pool.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "process-pool.png") });
                break;
            }
            catch (PlaywrightException ex) when (attempt < 3 && ex.Message.Contains("not attached to the DOM", StringComparison.Ordinal))
            {
            }
        }
    }

    private ILocator Figure(string name) => Page.Locator($"[data-figure={name}]");

    private ILocator Unit(string name) => Page.Locator($".quantity:has([data-figure={name}]) .unit");

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})*(\.\d{1,2})?$")]
    private static partial Regex Number();

    private static long ParseCount(string? text) =>
        long.Parse(text ?? "", System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
}
