using Dashboard.Contracts.Runs;
using Dashboard.Load.Engine;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Ui;

/// <summary>The launch page's way to start a run: the same validation and refusals as <c>POST /api/runs</c>.</summary>
internal sealed class RunLauncherAdapter(RunManager runs) : IRunLauncher
{
    public async Task<LaunchResult> StartAsync(string scenarioJson, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(scenarioJson))
        {
            return LaunchResult.Refused([new FieldError("", "expected a scenario: pick one from the catalog or write its JSON")]);
        }

        var validated = runs.Validate(scenarioJson);
        if (!validated.IsValid)
        {
            return LaunchResult.Refused(validated.Errors.Select(e => new FieldError(e.Path, e.Message)).ToArray());
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
            return LaunchResult.Refused(ex.Errors.Select(e => new FieldError(e.Path, e.Message)).ToArray());
        }
    }
}
