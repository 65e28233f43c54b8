using System.Net;
using Dashboard.Client.Pages;
using Dashboard.Contracts.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests;

public sealed class LaunchPageTests
{
    [Fact]
    public async Task Render_Catalog_ShowsEachScenarioWithItsDescriptionAndLoadShape()
    {
        var html = await RenderAsync(RunFixtures.Summary(), RunFixtures.ClosedSummary());

        Assert.Contains("data-scenario=\"io-bound\"", html);
        Assert.Contains("Best case: requests sleep.", html);
        Assert.Contains("data-scenario=\"users\"", html);
        Assert.Contains("200 requests/s</text>", html);
        Assert.Contains("20 users</text>", html);
        Assert.Contains(">25 s</text>", html);
        Assert.Contains("aria-label=\"Load shape: up to 200 requests/s, over 25 s in 2 phases\"", html);
        Assert.Contains("href=\"?scenario=users\"", html);
    }

    [Fact]
    public async Task Render_WithoutAChoice_SelectsTheFirstScenarioShowsItsValuesAndPutsItsJsonInTheBox()
    {
        var first = RunFixtures.Summary();

        var html = await RenderAsync(first, RunFixtures.ClosedSummary());

        Assert.Matches("<option value=\"io-bound\" selected[^>]*>io-bound</option>", html);
        Assert.Contains("<input id=\"rate\"", html);
        Assert.Contains("placeholder=\"200\"", html);
        Assert.Contains("placeholder=\"25\"", html);
        Assert.Contains("placeholder=\"100\"", html);
        Assert.Contains("placeholder=\"embedded loop server, workload io-bound\"", html);
        Assert.Equal(first.Json, TextArea(html));
        Assert.Contains("class=\"scenario-card selected\" data-scenario=\"io-bound\"", html);
    }

    [Fact]
    public async Task Render_ScenarioChosenByItsLink_IsSelected()
    {
        var html = await RenderAsync([RunFixtures.Summary(), RunFixtures.ClosedSummary()], path: "?scenario=users");

        Assert.Matches("<option value=\"users\" selected[^>]*>users</option>", html);
        Assert.DoesNotContain("<input id=\"rate\"", html);
        Assert.Matches("<input id=\"users\"[^>]*placeholder=\"20\"", html);
        Assert.Contains("class=\"scenario-card selected\" data-scenario=\"users\"", html);
    }

    [Fact]
    public async Task Render_HostileScenarioName_IsEncodedInTheCardTheOptionAndTheLink()
    {
        const string hostile = "<script>alert('x')</script>";

        var html = await RenderAsync(RunFixtures.Summary(hostile, description: "<img src=x onerror=alert(1)>"));

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html);
        Assert.Contains("href=\"?scenario=%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E\"", html);
    }

    [Fact]
    public async Task Render_CatalogProblems_AreListedAboveTheCatalog()
    {
        var html = await ComponentRenderer.RenderAsync<Launch>(path: "", services: s =>
            s.AddSingleton<IScenarioCatalog>(new FakeScenarioCatalog([RunFixtures.Summary()], ["broken.json: phases: required"])));

        Assert.Contains("data-catalog-problems", html);
        Assert.Contains("broken.json: phases: required", html);
    }

    [Fact]
    public async Task Render_Always_ExplainsTheThreeStatesAndRendersAnInteractiveFormWithoutAScriptOfItsOwn()
    {
        var html = await RenderAsync(RunFixtures.Summary());

        foreach (var state in new[] { "awake", "waiting", "asleep" })
        {
            Assert.Matches($"<dt><span class=\"swatch {state}\" aria-hidden=\"true\"></span>{state}</dt>\\s*<dd>[^<]{{20,}}</dd>", html);
        }

        // Prerendered for the circuit to take over: no post, no antiforgery field, no page script.
        Assert.Contains("<!--Blazor:{", html);
        Assert.Matches("<form class=\"launch-form\"[^>]*>", html);
        Assert.DoesNotContain("method=\"post\"", html);
        Assert.DoesNotContain("__RequestVerificationToken", html);
        Assert.Equal(["<script src=\"_framework/blazor.web.js\">"], System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value));
        Assert.Contains("data-launch=\"start\"", html);
    }

    [Fact]
    public async Task Render_EmptyCatalog_PointsToTheJsonView()
    {
        var html = await RenderAsync();

        Assert.Contains("The catalog is empty: write a scenario in the JSON view.", html);
    }

    private static string TextArea(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<textarea id=\"json\"[^>]*>([^<]*)</textarea>");
        Assert.True(match.Success, "no JSON box");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Fact]
    public async Task Render_ADesignsScenario_SaysItsDesignsRunOneAfterAnother()
    {
        var designs = RunFixtures.Summary("designs", "designs side by side", RunFixtures.Scenario() with
        {
            Target = null,
            Designs = [new ScenarioDesign { Name = "on the loop", Workload = "cpu-bound", Loops = 1 }, new ScenarioDesign { Name = "two loops", Workload = "cpu-bound", Loops = 2 }],
        });

        var html = await RenderAsync(designs);

        Assert.Contains("placeholder=\"embedded loop server, 2 designs one after another (on the loop, two loops)\"", html);
    }

    private static Task<string> RenderAsync(params ScenarioSummary[] scenarios) => RenderAsync(scenarios, path: "");

    private static Task<string> RenderAsync(ScenarioSummary[] scenarios, string path) =>
        ComponentRenderer.RenderAsync<Launch>(path: path, services: s => s.AddSingleton<IScenarioCatalog>(new FakeScenarioCatalog(scenarios)));
}
