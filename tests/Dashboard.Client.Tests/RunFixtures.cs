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

    /// <summary>A what-if answer at 300 requests/s: 1.5 ms service (Cs² 0.5), Poisson arrivals.</summary>
    public static WhatIfPrediction WhatIf(double rate = 300, double? mgOne = 0.84375, double? kingman = 0.84375) =>
        new(rate, 1.5, 0.5, 1, rate * 1.5 / 1000, mgOne, kingman, QueueingAssumptions.Describe(1));

    /// <summary>The latest interval's prediction beside its measurement.</summary>
    public static WaitingPrediction Prediction(double? mgOne = 0.4321, double? kingman = 0.3456) =>
        new(198.4, 1.234, 0.56, 0.2448, mgOne, kingman, 0.5678);

    /// <summary>A blocker that held the loop 212.5 ms and made 37 tasks of three kinds wait.</summary>
    public static SlowStepInfo Block(long taskId = 901, double waitingMs = 3_210.5, string name = "GET /w/blocker", string kind = "blocker") =>
        new(taskId, name, kind, 212.5, 30)
        {
            VictimCount = 37,
            VictimWaitingMs = waitingMs,
            VictimKinds = [new VictimKindInfo("hello", 30, 3_000), new VictimKindInfo("connection", 5, 200.5), new VictimKindInfo("accept", 2, 10)],
        };

    public static BlockerSummary Blockers(string kind = "blocker") =>
        new(kind, 4, 201.25, 150, 12_345.6, 82.3, new Dictionary<string, double> { ["connection"] = 345.6, ["hello"] = 12_000 });

    /// <summary>
    /// A sweep of four steps: 100/s and 200/s within budget, 300/s over it, 400/s saturated and still
    /// running (its prediction null: no steady state); best 200/s, knee 300/s, worst from 400/s.
    /// </summary>
    public static SweepReport Sweep(bool withCases = true) => new()
    {
        Status = "running",
        BudgetMs = 0.25,
        BudgetSource = "0.25 × mean service time 1.04 ms",
        StopWaitingP99Ms = 50,
        StopGrowingIntervals = 4,
        PlannedSteps = 8,
        Steps =
        [
            Step(0, 100, 0.11, 0.02, 0.12, 1.9, 0.01),
            Step(1, 200, 0.22, 0.05, 0.24, 2.3, 0.06),
            Step(2, 300, 0.33, 0.4, 1.8, 4.7, 0.3),
            Step(3, 400, 1.02, 41.5, 120.25, 160.5, null) with
            {
                Complete = false,
                Saturated = true,
                WithinBudget = false,
                BacklogGrowthPerSecond = 37.5,
                Prediction = new WaitingPrediction(400, 1.04, 0.1, 1.02, null, null, 41.5),
            },
        ],
        Best = withCases ? new SweepBestCase(200, 0.22, 0.24, 0.25) : null,
        KneeRate = withCases ? 300 : null,
        Worst = withCases ? new SweepWorstCase(400, 38.25, 37.5, 40.5) : null,
        StopReason = null,
    };

    private static SweepStep Step(int index, double rate, double utilization, double waitingMean, double waitingP99, double latencyP99, double? predicted) => new()
    {
        Index = index,
        OfferedRate = rate,
        AchievedRate = rate * 0.995,
        Seconds = 5,
        Complete = true,
        Requests = (long)(rate * 5),
        Utilization = utilization,
        Waiting = new StepFigures(waitingMean, waitingMean, waitingP99),
        Awake = new StepFigures(1, 1, 1.2),
        Latency = new StepFigures(latencyP99 / 2, latencyP99 / 2, latencyP99),
        BacklogStart = 1,
        BacklogEnd = 1,
        BacklogGrowthPerSecond = 0,
        WaitingGrowthMsPerSecond = 0,
        Prediction = predicted is { } p ? new WaitingPrediction(rate, 1.04, 0.1, utilization, p, p * 0.6, waitingMean) : null,
        WithinBudget = waitingP99 <= 0.25,
        Saturated = false,
    };
}
