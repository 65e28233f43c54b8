using System.Net;
using Dashboard.Client.Launching;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests;

/// <summary>The pages' plain HTML forms, posted to the pages served for real.</summary>
public sealed class FormPostTests
{
    [Fact]
    public async Task LaunchForm_WithOverrides_StartsTheComposedScenarioAndRedirectsToItsLivePage()
    {
        var launcher = new FakeRunLauncher();
        await using var host = await StartAsync(launcher);

        var response = await host.PostFormAsync("", "launch", Fields(("Form.Action", LaunchForm.StartAction), ("Form.Scenario", "io-bound"), ("Form.Rate", "100"), ("Form.Connections", "30")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/runs/run-1", response.Headers.Location!.AbsolutePath);
        var started = Assert.Single(launcher.Started);
        Assert.Contains("\"rate\": 100", started);
        Assert.Contains("\"connections\": 30", started);
        Assert.DoesNotContain("\"rate\": 200", started);
    }

    [Fact]
    public async Task LaunchForm_RateThatIsNotANumber_ShowsThePageAgainWithTheProblemUnderTheRateField()
    {
        var launcher = new FakeRunLauncher();
        await using var host = await StartAsync(launcher);

        var response = await host.PostFormAsync("", "launch", Fields(("Form.Action", LaunchForm.StartAction), ("Form.Scenario", "io-bound"), ("Form.Rate", "fast")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("id=\"rate\" name=\"Form.Rate\"[^>]*value=\"fast\"[^>]*aria-invalid=\"true\"", html);
        var rateField = html[html.IndexOf("id=\"rate\"", StringComparison.Ordinal)..html.IndexOf("id=\"duration\"", StringComparison.Ordinal)];
        Assert.Contains("<ul class=\"field-errors\" id=\"rate-errors\" data-errors-for=\"rate\" role=\"alert\"><li>expected a number of requests per second, got &#x27;fast&#x27;</li></ul>", rateField);
        Assert.Empty(launcher.Started);
    }

    [Fact]
    public async Task LaunchForm_ServerRefusesTheFormsScenario_ShowsEachProblemNextToTheFieldThatSetIt()
    {
        var launcher = new FakeRunLauncher([new FieldError("connections", "expected 1..2000, got 0"), new FieldError("thresholds[0]", "unknown metric \"latncy\"")]);
        await using var host = await StartAsync(launcher);

        var response = await host.PostFormAsync("", "launch", Fields(("Form.Action", LaunchForm.StartAction), ("Form.Scenario", "io-bound"), ("Form.Connections", "0")));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-errors-for=\"connections\" role=\"alert\"><li>expected 1..2000, got 0</li>", html);
        Assert.Contains("data-errors-for=\"\" role=\"alert\"><li>thresholds[0]: unknown metric &quot;latncy&quot;</li>", html);
    }

    [Fact]
    public async Task LaunchForm_JsonRefused_ShowsEachProblemWithItsPathUnderTheOpenJsonBoxKeepingTheText()
    {
        var launcher = new FakeRunLauncher([new FieldError("phases[0].inject.rate", "expected 0..200000, got -5")]);
        await using var host = await StartAsync(launcher);
        const string json = "{\"name\": \"mine\", \"phases\": [{\"inject\": {\"rate\": -5, \"during\": \"2s\"}}]}";

        var response = await host.PostFormAsync("", "launch", Fields(("Form.Action", LaunchForm.StartJsonAction), ("Form.Scenario", "io-bound"), ("Form.Json", json)));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-errors-for=\"json\" role=\"alert\"><li>phases[0].inject.rate: expected 0..200000, got -5</li>", html);
        Assert.Contains("<details class=\"json-view\" open>", html);
        Assert.Contains("&quot;name&quot;: &quot;mine&quot;", html);
        Assert.Equal(json, Assert.Single(launcher.Started));
    }

    [Fact]
    public async Task LaunchForm_Compose_PutsTheComposedScenarioInTheJsonBoxWithoutStarting()
    {
        var launcher = new FakeRunLauncher();
        await using var host = await StartAsync(launcher);

        var response = await host.PostFormAsync("", "launch", Fields(("Form.Action", LaunchForm.ComposeAction), ("Form.Scenario", "io-bound"), ("Form.Duration", "10")));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("&quot;during&quot;: &quot;2s&quot;", html);
        Assert.Contains("&quot;during&quot;: &quot;8s&quot;", html);
        Assert.Empty(launcher.Started);
    }

    [Fact]
    public async Task LaunchForm_WithoutTheAntiforgeryToken_IsRefused()
    {
        var launcher = new FakeRunLauncher();
        await using var host = await StartAsync(launcher);

        var response = await host.PostFormAsync("", "launch", Fields(("Form.Action", LaunchForm.StartAction), ("Form.Scenario", "io-bound")), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(launcher.Started);
    }

    [Theory]
    [InlineData("runs/nope", "No run with id")]
    [InlineData("runs/nope/tasks/3", "Unknown run")]
    [InlineData("runs/" + RunFixtures.RunId + "/tasks/999", "is no longer kept")]
    public async Task UnknownRunOrTask_Answers404WithThePageSayingSo(string path, string message)
    {
        var directory = new FakeRunDirectory([RunFixtures.Details()]);
        await using var host = await StartAsync(new FakeRunLauncher(), directory);

        var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("?whatIf=300", "300")]
    [InlineData("?whatIf=", "")]
    [InlineData("?whatIf=%20fast%20", " fast ")]
    public async Task WhatIfForm_SubmittedAsAPlainGet_IsAnsweredOnThePageWithTheRateAsTyped(string query, string asked)
    {
        var directory = new FakeRunDirectory([RunFixtures.Details(null, RunFixtures.Snapshot(3))]);
        var predictor = new FakeWhatIfPredictor();
        await using var host = await StartAsync(new FakeRunLauncher(), directory, predictor: predictor);

        var page = await host.Client.GetStringAsync($"runs/{RunFixtures.RunId}{query}");

        Assert.Equal((RunFixtures.RunId, (string?)asked), Assert.Single(predictor.Asked));
        Assert.Contains("<div class=\"what-if-result\" data-what-if-result role=\"status\">", page);
    }

    [Fact]
    public async Task WhatIfForm_NotAsked_AsksNothingAndShowsNoResult()
    {
        var directory = new FakeRunDirectory([RunFixtures.Details(null, RunFixtures.Snapshot(3))]);
        var predictor = new FakeWhatIfPredictor();
        await using var host = await StartAsync(new FakeRunLauncher(), directory, predictor: predictor);

        var page = await host.Client.GetStringAsync($"runs/{RunFixtures.RunId}");

        Assert.Empty(predictor.Asked);
        Assert.Contains("<div class=\"what-if-result\" data-what-if-result hidden role=\"status\">", page);
    }

    private static Task<SsrHost> StartAsync(IRunLauncher launcher, IRunDirectory? directory = null, IRunControl? control = null, IWhatIfPredictor? predictor = null)
    {
        directory ??= new FakeRunDirectory();
        return SsrHost.StartAsync(services =>
        {
            services.AddSingleton<IScenarioCatalog>(new FakeScenarioCatalog([RunFixtures.Summary(), RunFixtures.ClosedSummary()]));
            services.AddSingleton(launcher);
            services.AddSingleton(directory);
            services.AddSingleton(control ?? new FakeRunControl(directory));
            services.AddSingleton(predictor ?? new FakeWhatIfPredictor());
        });
    }

    private static KeyValuePair<string, string>[] Fields(params (string Name, string Value)[] fields) =>
        fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToArray();
}
