using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Server.History;

namespace Dashboard.Server.Tests.Support;

/// <summary>
/// The fixed run with a finished sweep (1 ms of loop time per request, five steps of 200–1,000/s,
/// the last saturated) and its worst single blocks: every figure known, for approved report files.
/// </summary>
internal static class TestSweeps
{
    public static RunRecord Swept(string scenario = "sweep-cpu", string blockerName = "GET /w/blocker", string stopReason = "waiting p99 188 ms over the 50 ms limit at 1,000/s")
    {
        var run = TestRuns.Fixed(id: "20261123-210000-5ee900", scenario: scenario);
        var info = run.Info with
        {
            Sweep = Sweep(stopReason),
            WorstBlocks =
            [
                new SlowStepInfo(4711, blockerName, "blocker", 201.5, 12)
                {
                    VictimCount = 31,
                    VictimWaitingMs = 3120.4,
                    VictimKinds = [new VictimKindInfo("server/connection", 30, 2919.9), new VictimKindInfo("inline", 1, 200.5)],
                },
                new SlowStepInfo(4802, blockerName, "blocker", 48.25, 2)
                {
                    VictimCount = 4,
                    VictimWaitingMs = 96.5,
                    VictimKinds = [new VictimKindInfo("server/connection", 4, 96.5)],
                },
                new SlowStepInfo(0, "(loop callback)", "loop", 22, 0),
            ],
        };
        return run with { Header = run.Header with { Info = info } };
    }

    public static SweepReport Sweep(string stopReason) => new()
    {
        Status = "saturated",
        BudgetMs = 0.5,
        BudgetSource = "0.5 × mean service time 1.04 ms",
        StopWaitingP99Ms = 50,
        StopGrowingIntervals = 3,
        PlannedSteps = 8,
        Steps =
        [
            Step(0, 200, 200, 0.21, waitingMean: 0.12, waitingP99: 0.45, latencyP99: 1.6, backlogGrowth: 0, saturated: false, budget: true),
            Step(1, 400, 399.5, 0.42, waitingMean: 0.37, waitingP99: 1.6, latencyP99: 3.1, backlogGrowth: 0.1, saturated: false, budget: false),
            Step(2, 600, 598, 0.63, waitingMean: 0.88, waitingP99: 3.9, latencyP99: 5.4, backlogGrowth: -0.2, saturated: false, budget: false),
            Step(3, 800, 796, 0.84, waitingMean: 2.6, waitingP99: 12, latencyP99: 14.8, backlogGrowth: 0.4, saturated: false, budget: false),
            Step(4, 1000, 930, 0.99, waitingMean: 41, waitingP99: 188, latencyP99: 260, backlogGrowth: 71.5, saturated: true, budget: false),
        ],
        Best = new SweepBestCase(200, 0.21, 0.45, 0.5),
        KneeRate = 800,
        Worst = new SweepWorstCase(1000, 38.2, 71.5, 52.75),
        StopReason = stopReason,
        WarmUpSeconds = 0.25,
    };

    private static SweepStep Step(int index, double offered, double achieved, double utilization, double waitingMean, double waitingP99, double latencyP99, double backlogGrowth, bool saturated, bool budget)
    {
        const double service = 1.04;
        var rho = offered * service / 1000;
        // The models' own answers at this rate (near-constant service; evenly paced arrivals for Kingman); none at ρ ≥ 1.
        double? mg1 = rho < 1 ? rho * service * 1.05 / (2 * (1 - rho)) : null;
        double? kingman = rho < 1 ? rho / (1 - rho) * (0.05 / 2) * service : null;
        return new SweepStep
        {
            Index = index,
            OfferedRate = offered,
            AchievedRate = achieved,
            Seconds = 5,
            Complete = true,
            Requests = (long)(achieved * 5),
            Utilization = utilization,
            Waiting = new StepFigures(waitingMean, waitingMean / 2, waitingP99),
            Awake = new StepFigures(1.0, 0.98, 1.3),
            Latency = new StepFigures(1.2 + waitingMean, 1.1 + (waitingMean / 2), latencyP99),
            BacklogStart = saturated ? 4 : 1,
            BacklogEnd = saturated ? 361 : 1,
            BacklogGrowthPerSecond = backlogGrowth,
            WaitingGrowthMsPerSecond = saturated ? 38.2 : 0,
            Prediction = new WaitingPrediction(achieved, service, 0.05, rho, mg1, kingman, waitingMean),
            WithinBudget = budget,
            Saturated = saturated,
        };
    }
}
