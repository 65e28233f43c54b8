using System.Net;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests;

/// <summary>The pages' plain HTML forms, posted to the pages served for real.</summary>
public sealed class FormPostTests
{
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
}
