using Dashboard.Server.Loop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// One host and one headless Debian chromium for all browser tests (both take seconds to start).
/// Each test opens its own browser context, so pages share nothing but the server.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private readonly DashboardHostFactory _factory = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = default!;

    public EventLoop.EventLoop Loop => _factory.Services.GetRequiredService<EventLoopHost>().Loops[0];

    /// <summary>The embedded loop server's address (its workloads answer under /w/).</summary>
    public Uri LoopServerAddress => _factory.Services.GetRequiredService<LoopServerHost>().BaseAddress;

    /// <summary>Where tests leave screenshots: TestResults/screenshots under the test output folder.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Fail, never skip: a green run without a browser would prove nothing about the pages.
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ChromiumPath} and it is missing. " +
                "Run scripts/install-test-deps.sh (it runs apt-get install -y chromium); " +
                "Playwright's own browser download cannot work on these machines.");
        }

        BaseAddress = _factory.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh context at 1280×800 with the host (or another one a test started) as its base address.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri? baseAddress = null)
    {
        var browser = _browser ?? throw new InvalidOperationException("the fixture is not initialized");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseAddress ?? BaseAddress).ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
