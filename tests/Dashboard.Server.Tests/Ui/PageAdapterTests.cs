using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Ui;

/// <summary>The page contracts as the host implements them, over the real run manager and catalog.</summary>
public sealed class PageAdapterTests
{
    private const string ShortRun = """
        {
          "name": "adapter-test",
          "target": { "workload": "io-bound" },
          "phases": [ { "inject": { "rate": 100, "during": "DURATION" } } ],
          "connections": 20
        }
        """;

    [Fact]
    public async Task ScenarioCatalog_ShippedScenarios_EachHasItsJsonAndItsResolvedLoadShape()
    {
        await using var factory = new DashboardFactory();
        var catalog = factory.Services.GetRequiredService<IScenarioCatalog>();

        var scenarios = catalog.Scenarios();

        Assert.Empty(catalog.Problems());
        var io = Assert.Single(scenarios, s => s.Name == "io-bound");
        Assert.Equal("io-bound.json", io.File);
        Assert.Contains("\"rampingInject\"", io.Json);
        Assert.Equal(
            [new LoadShapePhase("rampingInject", 5, 0, 200, 0, 0), new LoadShapePhase("inject", 20, 200, 200, 0, 0)],
            io.Shape);
        Assert.Equal(25, io.TotalSeconds);
        Assert.All(scenarios, s => Assert.Equal(s.Definition.Phases!.Count, s.Shape.Count));

        // A sweep's steps read as one climb from its first rate to its last, over all its steps.
        var sweep = Assert.Single(scenarios, s => s.Name == "sweep");
        Assert.Equal([new LoadShapePhase("sweep", 28, 20, 150, 0, 0) { Steps = 14 }], sweep.Shape);
    }

    [Fact]
    public async Task RunLauncher_InvalidScenario_AnswersEveryProblemWithItsPathAndStartsNothing()
    {
        await using var factory = new DashboardFactory();
        var launcher = factory.Services.GetRequiredService<IRunLauncher>();

        var result = await launcher.StartAsync(ShortRun.Replace("\"rate\": 100", "\"rate\": -5", StringComparison.Ordinal).Replace("DURATION", "2s", StringComparison.Ordinal));
        var empty = await launcher.StartAsync("  ");

        Assert.False(result.Started);
        Assert.Contains(result.Errors, e => e.Path == "phases[0].inject.rate");
        Assert.False(empty.Started);
        Assert.Empty(factory.Services.GetRequiredService<IRunDirectory>().List());
    }

    [Fact]
    public async Task RunLauncher_Check_AnswersWhatStartWouldRefuseOrTheScenarioWithItsShapeAndStartsNothing()
    {
        await using var factory = new DashboardFactory();
        var launcher = factory.Services.GetRequiredService<IRunLauncher>();
        var bad = ShortRun.Replace("\"rate\": 100", "\"rate\": -5", StringComparison.Ordinal).Replace("DURATION", "2s", StringComparison.Ordinal);

        var refused = launcher.Check(bad);
        var good = launcher.Check(ShortRun.Replace("DURATION", "2s", StringComparison.Ordinal));
        var empty = launcher.Check("");

        Assert.False(refused.IsValid);
        Assert.Equal((await launcher.StartAsync(bad)).Errors, refused.Errors);
        Assert.True(good.IsValid);
        Assert.Equal("adapter-test", good.Scenario!.Name);
        Assert.Equal([new LoadShapePhase("inject", 2, 100, 100, 0, 0)], good.Scenario.Shape);
        Assert.Equal("expected a scenario: pick one from the catalog or write its JSON", Assert.Single(empty.Errors).Message);
        Assert.Empty(factory.Services.GetRequiredService<IRunDirectory>().List());
    }

    [Fact]
    public async Task LaunchedRun_EndsWithHistoryAndSampledTasksWhoseStoriesTheDirectoryTells()
    {
        await using var factory = new DashboardFactory();
        var launcher = factory.Services.GetRequiredService<IRunLauncher>();
        var directory = factory.Services.GetRequiredService<IRunDirectory>();

        var result = await launcher.StartAsync(ShortRun.Replace("DURATION", "2s", StringComparison.Ordinal));

        Assert.True(result.Started, string.Join("; ", result.Errors));
        var details = await WaitUntilEnded(directory, result.RunId!);
        Assert.Equal(RunStatus.Completed, details.Info.Status);
        Assert.Equal("adapter-test", details.Scenario.Name);
        Assert.NotEmpty(details.History);
        Assert.Equal(result.RunId, Assert.Single(directory.List()).Id);

        var sample = details.History.SelectMany(s => s.Samples).First(s => s.CorrelationId is not null);
        var story = await directory.TaskStoryAsync(result.RunId!, sample.Id);
        Assert.NotNull(story);
        Assert.Equal(sample.Id, story.Task.Id);
        Assert.NotEmpty(story.Timeline);
        Assert.Equal(story.Task.LifetimeMs, story.Timeline.Sum(s => s.DurationMs), 3);
        Assert.Null(await directory.TaskStoryAsync(result.RunId!, long.MaxValue));
        Assert.Null(await directory.TaskStoryAsync("nope", sample.Id));
        Assert.Null(directory.Find("nope"));
    }

    [Fact]
    public async Task RunControl_RunningRun_ChangesItsRateRefusesUsersAndStopsIt()
    {
        await using var factory = new DashboardFactory();
        var launcher = factory.Services.GetRequiredService<IRunLauncher>();
        var directory = factory.Services.GetRequiredService<IRunDirectory>();
        var control = factory.Services.GetRequiredService<IRunControl>();
        var result = await launcher.StartAsync(ShortRun.Replace("DURATION", "30s", StringComparison.Ordinal));
        var id = result.RunId!;

        var rate = control.Change(id, new RunChange { Rate = 50 });
        var users = control.Change(id, new RunChange { Users = 5 });
        var unknown = control.Change("nope", new RunChange { Rate = 5 });
        var stopped = control.Stop(id);

        Assert.Empty(rate);
        Assert.Equal("users", Assert.Single(users).Path);
        Assert.Equal("id", Assert.Single(unknown).Path);
        Assert.Equal(id, stopped!.Id);
        Assert.Null(control.Stop("nope"));
        Assert.Equal(RunStatus.Stopped, (await WaitUntilEnded(directory, id)).Info.Status);
    }

    [Fact]
    public async Task TaskStory_OfAConnectionStillAlive_IsReadFromTheLoopWithItsCompletedRequestsAsChildren()
    {
        await using var factory = new DashboardFactory();
        var launcher = factory.Services.GetRequiredService<IRunLauncher>();
        var directory = factory.Services.GetRequiredService<IRunDirectory>();
        var control = factory.Services.GetRequiredService<IRunControl>();
        var id = (await launcher.StartAsync(ShortRun.Replace("DURATION", "30s", StringComparison.Ordinal))).RunId!;
        try
        {
            // A request task's parent is its keep-alive connection, alive until the run ends.
            var request = await Waits.Until(
                () => directory.Find(id)?.History.SelectMany(s => s.Samples).FirstOrDefault(s => s.CorrelationId is not null && s.ParentId > 0),
                "a sampled request");

            var connection = await Waits.UntilAsync(() => directory.TaskStoryAsync(id, request.ParentId), "the connection's story");

            Assert.Equal(TaskOutcomes.Running, connection.Task.Outcome);
            Assert.Equal("server/connection", connection.Task.Kind);
            Assert.Equal(TaskStorySources.Live, connection.Source);
            Assert.NotEmpty(connection.Timeline);
            Assert.Equal(connection.Task.LifetimeMs, connection.Task.AwakeMs + connection.Task.WaitingMs + connection.Task.AsleepMs, 3);
            Assert.Contains(connection.Children, c => c.Task.Outcome == "RanToCompletion" && c.Task.ParentId == request.ParentId);
            Assert.Contains(connection.Ancestors, a => a.Kind == "server/accept" && a.Outcome == TaskOutcomes.Running);
        }
        finally
        {
            control.Stop(id);
        }

        // Ended, the connection is among the completed tasks the run retains: its story says how it ended.
        await WaitUntilEnded(directory, id);
    }

    private static Task<RunDetails> WaitUntilEnded(IRunDirectory directory, string id) =>
        Waits.Until(() => directory.Find(id) is { Info.Status: not RunStatus.Running } details ? details : null, $"run {id} to end", TimeSpan.FromSeconds(30));
}
