using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Engine;
using Dashboard.Load.Scenarios;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Ui;

/// <summary>The launch page's way to check and start a run: the same validation and refusals as <c>POST /api/runs</c>.</summary>
internal sealed class RunLauncherAdapter(RunManager runs) : IRunLauncher
{
    private static readonly FieldError NoScenario = new("", "expected a scenario: pick one from the catalog or write its JSON");

    public ScenarioCheck Check(string scenarioJson)
    {
        if (string.IsNullOrWhiteSpace(scenarioJson))
        {
            return new ScenarioCheck(null, [NoScenario]);
        }

        var validated = runs.Validate(scenarioJson);
        if (!validated.IsValid)
        {
            return new ScenarioCheck(null, Errors(validated.Errors));
        }

        var scenario = validated.Scenario!;
        return new ScenarioCheck(
            new ScenarioSummary
            {
                Name = scenario.Name,
                Description = scenario.Description,
                File = "",
                Json = scenarioJson,
                Definition = scenario,
                Shape = ScenarioCatalogAdapter.ShapeOf(validated),
            },
            []);
    }

    public async Task<LaunchResult> StartAsync(string scenarioJson, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(scenarioJson))
        {
            return LaunchResult.Refused([NoScenario]);
        }

        var validated = runs.Validate(scenarioJson);
        if (!validated.IsValid)
        {
            return LaunchResult.Refused(Errors(validated.Errors));
        }

        try
        {
            var run = await runs.StartAsync(validated, cancellationToken);
            return LaunchResult.Success(run.Id);
        }
        catch (RunCapacityException ex)
        {
            return LaunchResult.Refused([new FieldError("", ex.Message)]);
        }
        catch (ScenarioValidationException ex)
        {
            return LaunchResult.Refused(Errors(ex.Errors));
        }
    }

    private static FieldError[] Errors(IEnumerable<ScenarioError> errors) => errors.Select(e => new FieldError(e.Path, e.Message)).ToArray();
}
