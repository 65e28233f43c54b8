using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Contracts.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Security;

/// <summary>No other site may change anything, whatever the binding; only the bound names are answered.</summary>
public sealed class CrossSiteTests
{
    [Fact]
    public async Task CrossSiteFormPost_StartsNothingAndIsRefusedNamingTheOrigin()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var form = new HttpRequestMessage(HttpMethod.Post, "/api/runs?scenario=hello")
        {
            Content = new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        form.Headers.Add("Origin", "http://evil.example");

        var response = await client.SendAsync(form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        Assert.Equal("origin", Assert.Single(problem!.Errors).Path);
        Assert.Contains("http://evil.example", problem.Errors[0].Message, StringComparison.Ordinal);
        Assert.Empty(await client.GetFromJsonAsync<RunInfo[]>("/api/runs") ?? []);
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task FetchFromAnotherSite_IsRefusedEvenWithoutAnOrigin(string fetchSite)
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs/whatever/stop");
        request.Headers.Add("Sec-Fetch-Site", fetchSite);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost:5081")]
    public async Task StopWithNoBodyFromAnotherOrigin_IsRefused_AndTheRunGoesOn(string origin)
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var created = await client.PostAsync("/api/runs?scenario=hello", null);
        var id = (await created.Content.ReadFromJsonAsync<RunCreated>())!.Id;
        using var stop = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{id}/stop");
        stop.Headers.Add("Origin", origin);

        var refused = await client.SendAsync(stop);
        var running = factory.Services.GetRequiredService<Dashboard.Server.Runs.RunManager>().Find(id)!.IsRunning;

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(running);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
    }

    [Fact]
    public async Task ScenarioAsTextPlain_IsRefusedWith415()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/runs", new StringContent("""{ "name": "x" }""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        Assert.Equal("Content-Type", Assert.Single(problem!.Errors).Path);
    }

    [Fact]
    public async Task OwnPageOrAScript_MayStartAndStop()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/runs?scenario=hello");
        own.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        own.Headers.Add("Sec-Fetch-Site", "same-origin");

        var started = await client.SendAsync(own);
        var id = (await started.Content.ReadFromJsonAsync<RunCreated>())!.Id;
        // A script (curl) sends no Origin and no body: allowed.
        var stopped = await client.PostAsync($"/api/runs/{id}/stop", null);

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, stopped.StatusCode);
    }

    [Fact]
    public async Task ForeignHostName_IsRefusedWith400()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Host = "evil.example:5000";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task ConfiguredHostName_IsAnswered()
    {
        await using var factory = new DashboardFactory().With("Dashboard:AllowedHosts:0", "dashboard.example");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Host = "dashboard.example";

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task HubNegotiateAndWebSocketFromAnotherOrigin_AreRefused()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hubs/runs/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Origin", "http://evil.example");

        var refused = await client.SendAsync(negotiate);
        var socket = factory.Server.CreateWebSocketClient();
        socket.ConfigureRequest = r => r.Headers.Origin = "http://evil.example";
        var upgrade = await Record.ExceptionAsync(() => socket.ConnectAsync(new UriBuilder(factory.Server.BaseAddress) { Scheme = "ws", Path = "/hubs/runs" }.Uri, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotNull(upgrade);
        Assert.Contains("403", upgrade.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlazorCircuitFromAnotherOrigin_IsRefused_FromItsOwnPagesItNegotiates()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "http://evil.example");
        using var own = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));

        var refused = await client.SendAsync(foreign);
        var answered = await client.SendAsync(own);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task ForeignHostName_IsRefusedNamingTheSettingThatWouldAdmitIt()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Host", Assert.Single(problem!.Errors).Path);
        Assert.Contains("Dashboard:AllowedHosts", problem.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'evil.example'", problem.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_CarrySecurityHeaders_ReportsAreSandboxed()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var created = await client.PostAsync("/api/runs?scenario=hello", null);
        var id = (await created.Content.ReadFromJsonAsync<RunCreated>())!.Id;

        var page = await client.GetAsync("/");
        var api = await client.GetAsync("/api/runs");
        var report = await client.GetAsync($"/api/runs/{id}/report.html");

        foreach (var response in new[] { page, api, report })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        var pagePolicy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'nonce-", pagePolicy, StringComparison.Ordinal);
        var nonce = pagePolicy.Split("'nonce-")[1].Split('\'')[0];
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("sandbox", report.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", api.Headers.GetValues("Content-Security-Policy").Single());
        await client.PostAsync($"/api/runs/{id}/stop", null);
    }
}
