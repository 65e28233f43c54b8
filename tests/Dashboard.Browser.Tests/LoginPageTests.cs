using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// A dashboard that asks for its token, as a stranger meets it: a page answers the login form,
/// the token pasted there opens the page asked for, and the live page then runs over its circuit
/// under the strict Content-Security-Policy (a violation is a console error).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LoginPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Token = "browser-test-token-0123456789";

    private readonly DashboardHostFactory _host = new DashboardHostFactory()
        .With("Dashboard:RequireToken", "true")
        .With("Dashboard:Token", Token);

    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ProtectedDashboard_AsksForTheToken_ThenOpensTheLivePageAskedFor()
    {
        _context = await fixture.NewContextAsync(_host.Start());
        var page = await _context.NewPageAsync();
        // The login form itself answers 401; the browser reports that status as a console error.
        var problems = PageProblems.Watch(page, "401");

        await page.GotoAsync("loop");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to the loop dashboard" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "login");
        await page.GetByLabel("Token").FillAsync("not-the-token-at-all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not this dashboard's token");
        await page.GetByLabel("Token").FillAsync(Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/loop$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Event loop" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^live"));
        var cookies = await _context.CookiesAsync();
        var login = Assert.Single(cookies, c => c.Name == "loop-dashboard-token");
        Assert.True(login.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, login.SameSite);
        Assert.Empty(problems);
    }
}
