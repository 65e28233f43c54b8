using System.Text.Json;
using Bunit;
using Dashboard.Client.Pages;
using Dashboard.Contracts.Agents;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Tests.Live;

/// <summary>The launch page in a circuit: fields and JSON view in step, every keystroke checked, Start only when valid.</summary>
public sealed class LaunchCircuitTests : BunitContext
{
    private readonly DashboardUiOptions _options = new();
    private FakeRunLauncher _launcher = new();
    private AgentsStatus _agents = new() { Configured = false, Connected = false, Agents = [] };

    public LaunchCircuitTests()
    {
        Services.AddSingleton(Options.Create(_options));
        Services.AddSingleton<IScenarioCatalog>(new FakeScenarioCatalog([RunFixtures.Summary(), RunFixtures.ClosedSummary()]));
        Services.AddSingleton<IRunLauncher>(_ => _launcher);
        Services.AddSingleton<IAgentDirectory>(_ => new FakeAgentDirectory(_agents));
        LiveCircuit.Start(this);
    }

    [Fact]
    public void Open_FirstScenario_ItsJsonInTheViewItsValuesInGreyAndStartOffered()
    {
        var page = Render<Launch>();

        Assert.Equal(RunFixtures.Summary().Json, Json(page));
        Assert.Equal("200", page.Find("#rate").GetAttribute("placeholder"));
        Assert.Equal("25", page.Find("#duration").GetAttribute("placeholder"));
        Assert.Empty(page.FindAll("#users"));
        Assert.False(page.Find("[data-launch=start]").HasAttribute("disabled"));
        Assert.Contains("Start runs", page.Find("[data-launch-summary]").TextContent);
    }

    [Fact]
    public void TypeARate_TheJsonViewShowsTheScenarioWithThatRateAtOnce()
    {
        var page = Render<Launch>();

        page.Find("#rate").Input("100");

        var scenario = Read(Json(page));
        Assert.Equal(100, scenario.Phases![0].RampingInject!.Rate);
        Assert.Equal(100, scenario.Phases[1].Inject!.Rate);
        Assert.Equal("100", page.Find("#rate").GetAttribute("value"));
        // The server's validator saw exactly what the view shows.
        Assert.Equal(Json(page), _launcher.Checked[^1]);
    }

    [Fact]
    public void Agents_OnADashboardWithABroker_AFieldPutsTheRunOnThem_AndSomethingElseIsNamed()
    {
        _agents = _agents with { Configured = true, Connected = true };
        var page = Render<Launch>();
        Assert.Equal("none: this dashboard", page.Find("#agents").GetAttribute("placeholder"));

        page.Find("#agents").Input("all");
        Assert.Equal(AgentSelection.All, Read(Json(page)).Agents);

        page.Find("#agents").Input("2");
        Assert.Equal(AgentSelection.Of(2), Read(Json(page)).Agents);

        page.Find("#agents").Input("many");
        Assert.Equal("expected a number of agents or \"all\", got 'many'", page.Find("[data-errors-for=agents] li").TextContent);
        Assert.True(page.Find("[data-launch=start]").HasAttribute("disabled"));
    }

    [Fact]
    public void Agents_WithoutABroker_HasNoField()
    {
        var page = Render<Launch>();

        Assert.Empty(page.FindAll("#agents"));
    }

    [Fact]
    public void TypeSomethingThatIsNotANumber_ItsProblemShowsUnderItsFieldAndStartIsOff()
    {
        var page = Render<Launch>();

        page.Find("#rate").Input("fast");

        Assert.Equal("expected a number of requests per second, got 'fast'", page.Find("[data-errors-for=rate] li").TextContent);
        Assert.Equal("true", page.Find("#rate").GetAttribute("aria-invalid"));
        Assert.True(page.Find("[data-launch=start]").HasAttribute("disabled"));

        page.Find("#rate").Input("");

        Assert.Empty(page.FindAll("[data-errors-for=rate]"));
        Assert.False(page.Find("[data-launch=start]").HasAttribute("disabled"));
        Assert.Equal(RunFixtures.Summary().Json, Json(page));
    }

    [Fact]
    public void TypeAValueTheServerRefuses_ItsMessageShowsUnderThatFieldAndNothingStarts()
    {
        var page = Render<Launch>();

        page.Find("#connections").Input("0");
        page.Find("form").Submit();

        Assert.Equal("expected 1..2000, got 0", page.Find("[data-errors-for=connections] li").TextContent);
        Assert.True(page.Find("[data-launch=start]").HasAttribute("disabled"));
        Assert.Empty(_launcher.Started);
    }

    [Fact]
    public void EditTheJson_TheFieldsEmptyAndShowTheNewValuesInGrey()
    {
        var page = Render<Launch>();
        page.Find("#rate").Input("100");
        var edited = RunFixtures.Summary().Json.Replace("\"rate\": 200", "\"rate\": 300", StringComparison.Ordinal);

        page.Find("#json").Input(edited);

        Assert.Null(page.Find("#rate").GetAttribute("value"));
        Assert.Equal("300", page.Find("#rate").GetAttribute("placeholder"));
        Assert.Equal(edited, Json(page));
        Assert.NotNull(page.Find("[data-edited-note]"));

        // And the fields change the edited text from there.
        page.Find("#duration").Input("10");
        var scenario = Read(Json(page));
        Assert.Equal(300, scenario.Phases![1].Inject!.Rate);
        Assert.Equal(["2s", "8s"], scenario.Phases.Select(p => (p.Inject ?? p.RampingInject)!.During));
    }

    [Fact]
    public void EditTheJsonBadly_ItsProblemShowsUnderTheBoxWithItsPathTheViewOpensAndStartIsOff()
    {
        var page = Render<Launch>();

        page.Find("#json").Input(RunFixtures.Summary().Json.Replace("\"rate\": 200", "\"rate\": -5", StringComparison.Ordinal));

        Assert.Equal("phases[1].inject.rate: expected 0..200000, got -5", page.FindAll("[data-errors-for=json] li")[^1].TextContent);
        Assert.True(page.Find("details.json-view").HasAttribute("open"));
        Assert.True(page.Find("[data-launch=start]").HasAttribute("disabled"));

        // With the JSON wrong, a field has nothing to change: it says so.
        page.Find("#rate").Input("10");
        Assert.Contains("fix them first", page.Find("[data-errors-for=rate] li").TextContent);
    }

    [Fact]
    public void EditTheJsonBeyondTheLimit_IsRefusedNamingTheLimitWithoutAsking()
    {
        _options.MaxScenarioChars = 2_000;
        var page = Render<Launch>();
        var checks = _launcher.Checked.Count;

        page.Find("#json").Input(new string(' ', 2_001));

        Assert.Contains("at most 2000 characters", page.Find("[data-errors-for=json] li").TextContent);
        Assert.Equal(checks, _launcher.Checked.Count);
        Assert.Equal("2000", page.Find("#json").GetAttribute("maxlength"));
    }

    [Fact]
    public void ChooseAClosedModelScenario_TheUsersFieldReplacesTheRateAndTheAddressSaysWhich()
    {
        var page = Render<Launch>();

        page.Find("#scenario").Change("users");

        Assert.Empty(page.FindAll("#rate"));
        Assert.Equal("20", page.Find("#users").GetAttribute("placeholder"));
        Assert.Equal(RunFixtures.ClosedSummary().Json, Json(page));
        Assert.Equal("users", page.Find("li.scenario-card.selected").GetAttribute("data-scenario"));
        Assert.EndsWith("?scenario=users", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);

        page.Find("#users").Input("5");
        Assert.Equal(5, Read(Json(page)).Phases![1].KeepConstant!.Copies);
    }

    [Fact]
    public void Start_ValidScenario_StartsExactlyTheJsonShownAndLandsOnItsLivePage()
    {
        var page = Render<Launch>();
        page.Find("#rate").Input("100");
        var shown = Json(page);

        page.Find("form").Submit();

        Assert.Equal([shown], _launcher.Started);
        Assert.EndsWith("/runs/run-1", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_RefusedByTheHost_ShowsWhyAboveTheForm()
    {
        _launcher = new FakeRunLauncher([new FieldError("", "1 runs are already going (Runs:MaxConcurrentRuns); stop one first.")]);
        var page = Render<Launch>();

        page.Find("form").Submit();

        Assert.Equal("1 runs are already going (Runs:MaxConcurrentRuns); stop one first.", page.Find("[data-errors-for=\"\"] li").TextContent);
    }

    private static string Json(IRenderedComponent<Launch> page) => page.Find("#json").GetAttribute("value") ?? "";

    private static ScenarioDefinition Read(string json) => JsonSerializer.Deserialize<ScenarioDefinition>(json, ScenarioJson.Options)!;
}
