using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// A test class whose every test gets a browser context and a page of its own against the shared
/// host (<see cref="BrowserFixture"/>), closed when the test ends.
/// </summary>
public abstract class PageTests(BrowserFixture fixture) : IAsyncLifetime
{
    protected BrowserFixture Fixture => fixture;

    protected IBrowserContext Context { get; private set; } = default!;

    protected IPage Page { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        Context = await fixture.NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    public Task DisposeAsync() => Context.CloseAsync();
}
