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

    public RunTaskStory? TaskStory(string runId, long taskId) =>
        Find(runId) is not null && stories is not null && stories.TryGetValue(taskId, out var story) ? story : null;
}

/// <summary>Records each scenario it is asked to start; answers a run id, or the errors the test gave it.</summary>
internal sealed class FakeRunLauncher(IReadOnlyList<FieldError>? refuse = null) : IRunLauncher
{
    public List<string> Started { get; } = [];

    public Task<LaunchResult> StartAsync(string scenarioJson, CancellationToken cancellationToken = default)
    {
        Started.Add(scenarioJson);
        return Task.FromResult(refuse is { Count: > 0 } ? LaunchResult.Refused(refuse) : LaunchResult.Success("run-" + Started.Count));
    }
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
