using System.Text.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Microsoft.AspNetCore.Components.Forms;

namespace Dashboard.Client.Tests;

/// <summary>A catalog that answers what the test gave it.</summary>
internal sealed class FakeScenarioCatalog(IReadOnlyList<ScenarioSummary>? scenarios = null, IReadOnlyList<string>? problems = null) : IScenarioCatalog
{
    public IReadOnlyList<ScenarioSummary> Scenarios() => scenarios ?? [];

    public IReadOnlyList<string> Problems() => problems ?? [];
}

/// <summary>Runs and stories the test gave it.</summary>
internal sealed class FakeRunDirectory(IReadOnlyList<RunDetails>? runs = null, IReadOnlyDictionary<long, RunTaskStory>? stories = null) : IRunDirectory
{
    public IReadOnlyList<RunInfo> List() => (runs ?? []).Select(r => r.Info).ToArray();

    public RunDetails? Find(string runId) => runs?.FirstOrDefault(r => r.Info.Id == runId);

    /// <summary>The series the test gave, by id.</summary>
    public IReadOnlyList<DesignSeries> Series { get; init; } = [];

    public DesignSeries? FindSeries(string seriesId) => Series.FirstOrDefault(s => s.Id == seriesId);

    /// <summary>Stories read, for a test that follows a live one.</summary>
    public int StoryReads { get; private set; }

    public Task<RunTaskStory?> TaskStoryAsync(string runId, long taskId, CancellationToken cancellationToken = default)
    {
        StoryReads++;
        return Task.FromResult(Find(runId) is not null && stories is not null && stories.TryGetValue(taskId, out var story) ? story : null);
    }
}

/// <summary>
/// Records each scenario it is asked to check or start; answers a run id, or the errors the test
/// gave it. Its check reads the JSON as the contract's serializer does and refuses what the
/// server's validator would for the few rules the launch page's tests need (connections, rates,
/// users, durations), with the server's messages.
/// </summary>
internal sealed class FakeRunLauncher(IReadOnlyList<FieldError>? refuse = null) : IRunLauncher
{
    public List<string> Started { get; } = [];

    public List<string> Checked { get; } = [];

    public ScenarioCheck Check(string scenarioJson)
    {
        Checked.Add(scenarioJson);
        ScenarioDefinition? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<ScenarioDefinition>(scenarioJson, ScenarioJson.Options);
        }
        catch (JsonException ex)
        {
            return new ScenarioCheck(null, [new FieldError("$", "not valid JSON: " + ex.Message)]);
        }

        if (scenario is null)
        {
            return new ScenarioCheck(null, [new FieldError("", "expected a scenario: pick one from the catalog or write its JSON")]);
        }

        var errors = new List<FieldError>();
        if (scenario.Connections is < 1 or > 2000)
        {
            errors.Add(new FieldError("connections", $"expected 1..2000, got {scenario.Connections}"));
        }

        var shape = new List<LoadShapePhase>();
        var rate = 0.0;
        var users = 0;
        var phases = scenario.Phases ?? [];
        for (var i = 0; i < phases.Count; i++)
        {
            var phase = phases[i];
            var (kind, rateAfter, usersAfter, during) = phase switch
            {
                { Inject: { } inject } => ("inject", inject.Rate, 0, inject.During),
                { RampingInject: { } ramp } => ("rampingInject", ramp.Rate, 0, ramp.During),
                { KeepConstant: { } keep } => ("keepConstant", 0, keep.Copies, keep.During),
                { RampingConstant: { } ramp } => ("rampingConstant", 0, ramp.Copies, ramp.During),
                _ => ("pause", 0, 0, phase.Pause ?? "0s"),
            };
            if (rateAfter < 0)
            {
                errors.Add(new FieldError($"phases[{i}].{kind}.rate", $"expected 0..200000, got {rateAfter}"));
            }

            if (kind.EndsWith("Constant", StringComparison.Ordinal) && usersAfter < 1)
            {
                errors.Add(new FieldError($"phases[{i}].{kind}.copies", $"expected 1..10000, got {usersAfter}"));
            }

            var seconds = Seconds(during);
            if (seconds is not > 0)
            {
                errors.Add(new FieldError($"phases[{i}].{kind}.during", $"expected a duration such as \"30s\", got \"{during}\""));
            }

            var startRate = kind == "rampingInject" ? rate : rateAfter;
            var startUsers = kind == "rampingConstant" ? users : usersAfter;
            shape.Add(new LoadShapePhase(kind, seconds ?? 0, startRate, rateAfter, startUsers, usersAfter));
            (rate, users) = (rateAfter, usersAfter);
        }

        return errors.Count > 0
            ? new ScenarioCheck(null, errors)
            : new ScenarioCheck(
                new ScenarioSummary { Name = scenario.Name, Description = scenario.Description, File = "", Json = scenarioJson, Definition = scenario, Shape = shape },
                []);
    }

    public Task<LaunchResult> StartAsync(string scenarioJson, CancellationToken cancellationToken = default)
    {
        Started.Add(scenarioJson);
        return Task.FromResult(refuse is { Count: > 0 } ? LaunchResult.Refused(refuse) : LaunchResult.Success("run-" + Started.Count));
    }

    private static double? Seconds(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(text[..^2], System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms / 1000
        : text.EndsWith('s') && double.TryParse(text[..^1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s
        : null;
}

/// <summary>Records stops, changes and checks; refuses changes and checks with the errors the test gave it.</summary>
internal sealed class FakeRunControl(IRunDirectory directory, IReadOnlyList<FieldError>? refuse = null) : IRunControl
{
    public List<string> Stopped { get; } = [];

    public List<RunChange> Changes { get; } = [];

    public RunInfo? Stop(string runId)
    {
        Stopped.Add(runId);
        return directory.Find(runId)?.Info;
    }

    public List<RunChange> Checks { get; } = [];

    public IReadOnlyList<FieldError> Change(string runId, RunChange change)
    {
        Changes.Add(change);
        return refuse ?? [];
    }

    public IReadOnlyList<FieldError> Check(string runId, RunChange change)
    {
        Checks.Add(change);
        return refuse ?? [];
    }
}

/// <summary>A fixed antiforgery token, so forms render outside a request.</summary>
internal sealed class FakeAntiforgery : AntiforgeryStateProvider
{
    public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
}

/// <summary>Records each what-if question; answers what the test gave it (a prediction at 300/s by default).</summary>
internal sealed class FakeWhatIfPredictor(WhatIfAnswer? answer = null) : IWhatIfPredictor
{
    public List<(string RunId, string? Rate)> Asked { get; } = [];

    public WhatIfAnswer Predict(string runId, string? rate)
    {
        Asked.Add((runId, rate));
        return answer ?? new WhatIfAnswer(WhatIfOutcome.Predicted, RunFixtures.WhatIf(), []);
    }
}
