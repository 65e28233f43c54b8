using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Security;
using Dashboard.Server.Tests.Live;
using Dashboard.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Security;

/// <summary>A token when reachable from elsewhere (or asked for): cookie for browsers, Bearer for scripts and the hub.</summary>
public sealed class TokenTests
{
    private const string Token = "test-token-0123456789abcdef";

    [Fact]
    public async Task Api_WithoutOrWithAWrongToken_Is401NamingTheToken_WithTheRightBearerItAnswers()
    {
        await using var factory = Protected();
        using var client = factory.CreateClient();

        var missing = await client.GetAsync("/api/runs");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/runs") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-at-all") } };
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/runs") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("token", (await missing.Content.ReadFromJsonAsync<ValidationProblem>())!.Errors.Single().Path);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        // Health probes stay open.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Page_WithoutToken_AnswersTheLoginPage_LoginSetsAStrictHttpOnlyCookieThatOpensIt()
    {
        await using var factory = Protected();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var page = await client.GetAsync("/runs");
        var wrong = await client.GetAsync("/login?t=wrong-token-0000000000");
        var login = await client.GetAsync($"/login?t={Token}&r=/runs");

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("Log in to the loop dashboard", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/runs", login.Headers.Location?.OriginalString);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardAccess.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/runs");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withCookie)).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("http://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Login_ReturnAddressOfAnotherSite_GoesHomeInstead(string returnTo)
    {
        await using var factory = Protected();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var login = await client.GetAsync($"/login?t={Token}&r={Uri.EscapeDataString(returnTo)}");

        Assert.Equal("/", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Hub_WithoutToken_Is401_WithTheTokenTheSignalRClientConnects()
    {
        await using var factory = Protected();
        using var client = factory.CreateClient();

        var negotiate = await client.PostAsync("/hubs/runs/negotiate?negotiateVersion=1", null);
        await using var hub = WebSocketHubConnection.Create(factory.Server, "/hubs/runs", r => r.Headers.Authorization = "Bearer " + Token);
        await hub.StartAsync().Within("the hub connects with the token");
        var runs = await hub.InvokeAsync<List<RunInfo>>("ListRuns").Within("ListRuns answers");
        await using var refused = WebSocketHubConnection.Create(factory.Server, "/hubs/runs");
        var refusal = await Record.ExceptionAsync(() => refused.StartAsync().Within("the hub refuses a connection without the token"));

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Empty(runs);
        Assert.NotNull(refusal);
        Assert.Contains("401", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlazorCircuit_WithoutToken_Is401()
    {
        await using var factory = Protected();
        using var client = factory.CreateClient();

        var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        // Blazor's own script is no secret: the login page's browser may load it.
        var script = await client.GetAsync("/_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task BoundBeyondLoopback_WithoutAConfiguredToken_RequiresOneMadeAtStart()
    {
        await using var factory = new DashboardFactory().With("urls", "http://0.0.0.0:5000");
        using var client = factory.CreateClient();

        var access = factory.Services.GetRequiredService<DashboardAccess>();

        Assert.True(access.Required);
        Assert.True(access.Generated);
        Assert.True(access.Token.Length >= 32);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task LoopbackOnly_AsksForNoToken()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        Assert.False(factory.Services.GetRequiredService<DashboardAccess>().Required);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public void ShortToken_IsRefusedAtStartNamingTheSetting()
    {
        var errors = new DashboardSecurityOptions { Token = "short" }.Validate();

        Assert.StartsWith("Dashboard:Token:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyToken_IsUnset_NotRefused()
    {
        Assert.Empty(new DashboardSecurityOptions { Token = "" }.Validate());
    }

    private static DashboardFactory Protected() =>
        new DashboardFactory().With("Dashboard:RequireToken", "true").With("Dashboard:Token", Token);
}
