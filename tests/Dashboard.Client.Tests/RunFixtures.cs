using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Client.Tests;

/// <summary>Runs, snapshots, samples and catalog scenarios with distinctive values, so a test can find each one in the HTML.</summary>
internal static class RunFixtures
{
    public const string RunId = "20260304-050607-abc123";

    public static RunInfo Info(RunStatus status = RunStatus.Running, string scenario = "io-bound", bool? passed = null) => new()
    {
        Id = RunId,
        Scenario = scenario,
        Description = "a test run",
        Status = status,
        StartedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero),
        EndedAt = status == RunStatus.Running ? null : new DateTimeOffset(2026, 3, 4, 5, 6, 19, TimeSpan.Zero),
        ElapsedSeconds = 12.34,
        PlannedSeconds = 25,
        Passed = passed,
        Message = status == RunStatus.Stopped ? "stopped by request" : null,
        Target = "http://127.0.0.1:5080/",
        Key = new RunKeyFigures
        {
            Requests = 12_345,
            ThroughputPerSecond = 987.65,
            ErrorRate = 0.0123,
            LatencyP50Ms = 1.234,
            LatencyP99Ms = 45.67,
            WaitingP99Ms = 3.456,
            LoopUtilization = 0.4567,
        },
    };

    public static TaskSample Sample(long id, string reason = "random", string name = "GET /w/io-bound", double lifetime = 60, double waiting = 10, string kind = "io-bound") => new()
    {
        Id = id,
        ParentId = 7,
        Name = name,
        Kind = kind,
        CorrelationId = $"{RunId}-{id:D12}",
        Outcome = "RanToCompletion",
        LifetimeMs = lifetime,
        AwakeMs = 5,
        WaitingMs = waiting,
        AsleepMs = lifetime - 5 - waiting,
        TimerLatenessMs = 1.5,
        Steps = 3,
        LongestStepMs = 2.25,
        Reason = reason,
    };

    public static RunSnapshot Snapshot(long sequence, IReadOnlyList<TaskSample>? samples = null, double? targetRate = 200, int? targetUsers = null, IReadOnlyList<ThresholdState>? thresholds = null) => new()
    {
        RunId = RunId,
        Sequence = sequence,
        At = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddSeconds(sequence / 2.0),
        ElapsedSeconds = sequence / 2.0,
        IntervalSeconds = 0.5,
        Progress = sequence / 50.0,
        Phase = "inject",
        TargetRate = targetRate,
        TargetUsers = targetUsers,
        Load = new LoadFigures
        {
            Requests = 100,
            Successes = 99,
            Failures = 1,
            ThroughputPerSecond = 198.4,
            ErrorRate = 0.01,
            Corrected = new LatencyFigures(51.25, 52, 53, 54, 77.7, 80, 90, 52.5),
            Raw = new LatencyFigures(50.5, 51, 52, 53, 66.6, 70, 80, 51.5),
            InFlight = 11,
        },
        Loop = LoopFixtures.Interval() with { Utilization = 0.0876, ReadyDepthMean = 0.125 },
        Tasks = new TaskBreakdown(LoopFixtures.Kind("overall", 100) with { Waiting = new TimeFigures(30, 3.5, 2.0, 9.87, 12) }, [LoopFixtures.Kind("io-bound", 100), LoopFixtures.Kind("connection", 3)]),
        Samples = samples ?? [],
        Thresholds = thresholds ?? [new ThresholdState("errors.rate < 1%", true, 0, "errors.rate = 0% (limit < 1%): pass"), new ThresholdState("loop.waiting.p99 < 5ms", false, 9.87, "loop.waiting.p99 = 9.87ms (limit < 5ms): fail")],
    };

    public static RunDetails Details(RunInfo? info = null, params RunSnapshot[] history) =>
        new(info ?? Info(), Scenario(), history);

    public static ScenarioDefinition Scenario(params string[] thresholds) => new()
    {
        Name = "io-bound",
        Target = new ScenarioTarget { Workload = "io-bound" },
        Phases =
        [
            new LoadSimulation { RampingInject = new InjectSimulation { Rate = 200, During = "5s" } },
            new LoadSimulation { Inject = new InjectSimulation { Rate = 200, During = "20s" } },
        ],
        Connections = 100,
        Thresholds = thresholds.Select(t => new ThresholdDefinition { Expression = t }).ToArray(),
    };

    /// <summary>A catalog entry the way the host builds one: its JSON, its definition and its resolved shape.</summary>
    public static ScenarioSummary Summary(string name = "io-bound", string? description = "Best case: requests sleep.", ScenarioDefinition? definition = null, IReadOnlyList<LoadShapePhase>? shape = null)
    {
        var scenario = (definition ?? Scenario()) with { Name = name, Description = description };
        return new ScenarioSummary
        {
            Name = name,
            Description = description,
            File = name + ".json",
            Json = ScenarioJson.Serialize(scenario),
            Definition = scenario,
            Shape = shape ?? [new LoadShapePhase("rampingInject", 5, 0, 200, 0, 0), new LoadShapePhase("inject", 20, 200, 200, 0, 0)],
        };
    }

    /// <summary>A closed-model scenario: a ramp to 20 users, then 20 users.</summary>
    public static ScenarioSummary ClosedSummary() => Summary(
        "users",
        "virtual users",
        Scenario() with
        {
            Phases =
            [
                new LoadSimulation { RampingConstant = new ConstantSimulation { Copies = 20, During = "10s" } },
                new LoadSimulation { KeepConstant = new ConstantSimulation { Copies = 20, During = "10s" } },
            ],
        },
        [new LoadShapePhase("rampingConstant", 10, 0, 0, 0, 20), new LoadShapePhase("keepConstant", 10, 0, 0, 20, 20)]);
}
