using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Statistics;
using Dashboard.Load.Thresholds;
using Dashboard.Server.History;

namespace Dashboard.Server.Tests.Support;

/// <summary>A fixed run built by hand: every figure known, so report output can be approved byte for byte.</summary>
internal static class TestRuns
{
    public const string HostileName = "<script>alert(1)</script> \"quoted\" & 'single', comma";

    public static readonly DateTimeOffset Start = new(2026, 11, 23, 20, 14, 34, 250, TimeSpan.Zero);

    public static RunRecord Fixed(string id = "20261123-201434-453443", string scenario = "io-bound", RunStatus status = RunStatus.Completed, int intervals = 4) =>
        new(Header(id, scenario, status, intervals), Snapshots(id, intervals));

    public static RunHeader Header(string id, string scenario, RunStatus status = RunStatus.Completed, int intervals = 4)
    {
        var ended = status != RunStatus.Running;
        var latency = new LatencySummary(380, 1.2, 6.5, 3.1, 5.9, 7.4, 9.8, 11.2, 18.4, 24.9, 25.1);
        var raw = new LatencySummary(380, 1.1, 5.2, 2.4, 4.8, 6.1, 8.2, 9.9, 14.7, 20.3, 20.5);
        var summary = new RunSummary
        {
            RunId = id,
            CorrelationPrefix = id,
            Scenario = scenario,
            Outcome = RunOutcome.Completed,
            StartedAt = Start,
            DurationSeconds = intervals * 0.5,
            Seed = 42,
            Intervals = intervals,
            Load = new LoadStatistics
            {
                Sent = 400,
                Requests = 400,
                Successes = 380,
                Failures = 20,
                Dropped = 3,
                Throughput = 200,
                ErrorRate = 5,
                BytesSent = 40_000,
                BytesReceived = 80_000,
                StatusCodes = new Dictionary<int, long> { [200] = 380, [503] = 12 },
                Errors = new ErrorCounts(5, 0, 3, 0),
                Latency = latency,
                RawLatency = raw,
                Kinds = [new RequestKindStatistics("GET /w/io-bound", 400, 380, 20, 3, latency)],
            },
            Thresholds =
            [
                new ThresholdResult("errors.rate < 1%", "errors.rate", 5, false, "errors.rate = 5% (limit < 1%): fail"),
                new ThresholdResult("latency.p99 < 50ms", "latency.p99", 18.4, true, "latency.p99 = 18.4ms (limit < 50ms): pass"),
            ],
            Warnings = ["one warning about the measurement"],
        };
        return new RunHeader
        {
            Info = new RunInfo
            {
                Id = id,
                Scenario = scenario,
                Description = "fixed run for tests: <b>bold</b> & more",
                Status = status,
                StartedAt = Start,
                EndedAt = ended ? Start.AddSeconds(intervals * 0.5) : null,
                ElapsedSeconds = intervals * 0.5,
                PlannedSeconds = 2,
                Passed = ended ? false : null,
                Message = ended ? "thresholds failed" : null,
                Target = "http://127.0.0.1:5080/",
                Verdict = new RunVerdict("blocked", "one blocker <cpu> caused 80% of the waiting", new Dictionary<string, double> { ["blockerShare"] = 0.8 }),
                // Kingman's infinite prediction: a saturated loop must store and export, not fail.
                Prediction = new WaitingPrediction(200, 2, 1, 0.41, 0.7, null, 0.6),
                Blockers =
                [
                    new BlockerSummary("cpu-blocker", 3, 25, 40, 600, 15, new Dictionary<string, double> { ["io-bound"] = 450, ["io-bound/child"] = 150 }),
                ],
                Key = new RunKeyFigures
                {
                    Requests = 400,
                    ThroughputPerSecond = 200,
                    ErrorRate = 5,
                    LatencyP50Ms = 5.9,
                    LatencyP99Ms = 18.4,
                    WaitingP99Ms = 2.75,
                    LoopUtilization = 0.4125,
                },
            },
            Scenario = new ScenarioDefinition
            {
                Name = scenario,
                Description = "fixed run for tests: <b>bold</b> & more",
                Target = new ScenarioTarget { Workload = "io-bound" },
                Phases = [new LoadSimulation { Inject = new InjectSimulation { Rate = 200, During = "2s" } }],
                Thresholds = [new ThresholdDefinition { Expression = "errors.rate < 1%" }, new ThresholdDefinition { Expression = "latency.p99 < 50ms" }],
            },
            Summary = ended ? summary : null,
            Environment = new RunEnvironment("Debian GNU/Linux 13 (test)", "x64", 2, ".NET 10.0.0-test", "1.0.0-test"),
            Distributions = new RunDistributions(
                [new DistributionBin(1, 2, 20), new DistributionBin(2, 5, 150), new DistributionBin(5, 10, 180), new DistributionBin(10, 20, 25), new DistributionBin(20, 50, 5)],
                [new DistributionBin(1, 2, 30), new DistributionBin(2, 5, 180), new DistributionBin(5, 10, 150), new DistributionBin(10, 20, 20)],
                [new DistributionBin(0, 0.01, 90), new DistributionBin(0.01, 0.02, 60), new DistributionBin(0.05, 0.1, 120), new DistributionBin(0.1, 0.2, 80), new DistributionBin(1, 2, 40), new DistributionBin(2, 5, 10)]),
            RequestTasks = Breakdown("requests", 400, 0.4, 0.6, 5.1),
        };
    }

    public static IReadOnlyList<RunSnapshot> Snapshots(string id, int intervals) =>
        Enumerable.Range(1, intervals).Select(i => Snapshot(id, i)).ToArray();

    public static RunSnapshot Snapshot(string id, int i) => new()
    {
        RunId = id,
        Sequence = i,
        At = Start.AddSeconds(i * 0.5),
        ElapsedSeconds = i * 0.5,
        IntervalSeconds = 0.5,
        Progress = Math.Min(1, i * 0.25),
        Phase = "inject",
        TargetRate = 200,
        Load = new LoadFigures
        {
            Requests = 100,
            Successes = 95,
            Failures = 5,
            ThroughputPerSecond = 200,
            ErrorRate = 5,
            StatusCodes = new Dictionary<string, long> { ["200"] = 95, ["503"] = 3 },
            ErrorKinds = new Dictionary<string, long> { ["timeout"] = 1, ["refused"] = 0, ["reset"] = 1, ["other"] = 0 },
            Corrected = new LatencyFigures(5 + i, 6 + i, 8 + i, 9 + i, 12 + (2 * i), 20 + i, 22 + i, 6 + (0.5 * i)),
            Raw = new LatencyFigures(4 + i, 5 + i, 7 + i, 8 + i, 10 + (2 * i), 16 + i, 18 + i, 5 + (0.5 * i)),
            InFlight = i,
            Dropped = i == 2 ? 3 : 0,
        },
        Loop = new LoopInterval
        {
            Sequence = 100 + i,
            At = Start.AddSeconds(i * 0.5),
            DurationMs = 500,
            Utilization = 0.3 + (0.05 * i),
            Steps = 1000 * i,
            StepsPerSecond = 2000 * i,
            ReadyDepthMax = 2 * i,
            ReadyDepthMean = 0.5 * i,
            TimerCount = 90,
            TimerLagP50Ms = 0.05,
            TimerLagP99Ms = 0.2 * i,
            TimerLagMaxMs = 0.4 * i,
            TasksAlive = 20,
            SlowStepCount = 0,
            SlowSteps = [],
        },
        Tasks = new TaskBreakdown(
            Breakdown("(all tasks)", 150, 0.3 * i, 0.1 * i, 5),
            [Breakdown("io-bound", 100, 0.3 * i, 0.1 * i, 5), Breakdown("io-bound/child", 50, 0.2, 0.05 * i, 2)]),
        Samples = Samples(i),
        Thresholds = [new ThresholdState("errors.rate < 1%", false, 5, "errors.rate = 5% (limit < 1%): fail"), new ThresholdState("latency.p99 < 50ms", true, 18.4, "pass")],
    };

    private static TaskSample[] Samples(int i)
    {
        // Interval i: a request task (parent: its connection, never sampled), one of its children, one random task.
        var requestId = 1000 + (10 * i);
        var lifetime = 10.0 + (3 * i);
        return
        [
            Sample(requestId, 7, $"GET /w/io-bound #{i}", "io-bound", "slowest", lifetime, 0.5, 1.5 + i, i * 500 - lifetime - 2),
            Sample(requestId + 1, requestId, $"child {i}", "io-bound/child", "slowest", 4, 0.2, 0.8, i * 500 - lifetime),
            Sample(requestId + 2, 7, $"GET /w/io-bound random #{i}", "io-bound", "random", 6, 0.3, 0.1 * i, i * 500 - 8),
        ];
    }

    private static TaskSample Sample(long id, long parent, string name, string kind, string reason, double lifetime, double awake, double waiting, double createdAt)
    {
        var asleep = lifetime - awake - waiting;
        return new TaskSample
        {
            Id = id,
            ParentId = parent,
            Name = name,
            Kind = kind,
            CorrelationId = kind == "io-bound" ? $"20261123-201434-453443-{id:D12}" : null,
            Outcome = "RanToCompletion",
            LifetimeMs = lifetime,
            AwakeMs = awake,
            WaitingMs = waiting,
            AsleepMs = asleep,
            TimerLatenessMs = waiting / 4,
            Steps = 3,
            LongestStepMs = awake / 2,
            Reason = reason,
            CreatedAtMs = createdAt,
            Timeline =
            [
                new TaskSpanInfo("waiting", 0, waiting / 2),
                new TaskSpanInfo("awake", waiting / 2, awake / 2),
                new TaskSpanInfo("asleep", (waiting / 2) + (awake / 2), asleep),
                new TaskSpanInfo("waiting", (waiting / 2) + (awake / 2) + asleep, waiting / 2),
                new TaskSpanInfo("awake", waiting + (awake / 2) + asleep, awake / 2),
            ],
        };
    }

    private static TaskKindBreakdown Breakdown(string kind, long count, double awakeMean, double waitingMean, double asleepMean) => new()
    {
        Kind = kind,
        Count = count,
        Faulted = kind == "io-bound" ? 1 : 0,
        Cancelled = 0,
        Awake = new TimeFigures(awakeMean * count, awakeMean, awakeMean * 0.9, awakeMean * 3, awakeMean * 4),
        Waiting = new TimeFigures(waitingMean * count, waitingMean, waitingMean * 0.5, waitingMean * 5, waitingMean * 8),
        Asleep = new TimeFigures(asleepMean * count, asleepMean, asleepMean, asleepMean * 1.2, asleepMean * 1.5),
        Lifetime = new TimeFigures((awakeMean + waitingMean + asleepMean) * count, awakeMean + waitingMean + asleepMean, 5, 9, 12),
    };
}
