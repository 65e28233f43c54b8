using Dashboard.Contracts.Runs;
using Dashboard.Load.Scenarios;
using Dashboard.Load.Statistics;
using Dashboard.Server.Analysis;
using Dashboard.Server.Runs;
using Dashboard.Server.Sweeps;

namespace Dashboard.Server.Tests.Sweeps;

/// <summary>The sweep's reading from synthetic intervals: four 0.5 s intervals per 2 s step.</summary>
public sealed class SweepTrackerTests
{
    private const double IntervalSeconds = 0.5;

    private static SweepPlan Plan(TimeSpan? budget = null, int growing = 3) => new(
        0, TimeSpan.Zero, TimeSpan.FromSeconds(2), [100, 200, 300, 400, 500], budget, TimeSpan.FromMilliseconds(50), growing);

    /// <summary>Feeds one step's four intervals; returns whether the stop rule fired.</summary>
    private static bool Step(SweepTracker tracker, int step, double achieved, Func<int, int> backlog, double waitingP99, double latencyP99 = 5, double serviceMs = 1)
    {
        for (var i = 0; i < 4; i++)
        {
            var start = ((step * 4) + i) * IntervalSeconds;
            var interval = new IntervalStatistics
            {
                Index = (step * 4) + i,
                StartSeconds = start,
                DurationSeconds = IntervalSeconds,
                InFlight = backlog(i),
                Load = new LoadStatistics
                {
                    Requests = (long)(achieved * IntervalSeconds),
                    Latency = new LatencySummary((long)(achieved * IntervalSeconds), 1, latencyP99 / 3, 1, latencyP99 / 4, 0, 0, 0, latencyP99, latencyP99, latencyP99),
                },
            };
            Assert.Equal(step, tracker.StepOf(interval));
            var measure = new StepMeasure(
                (long)(achieved * IntervalSeconds * (i + 1)),
                new StepFigures(waitingP99 / 4, waitingP99 / 8, waitingP99),
                new StepFigures(serviceMs, serviceMs, serviceMs),
                achieved * serviceMs / 1000,
                new WaitingPrediction(achieved, serviceMs, 0, achieved * serviceMs / 1000, 0.1, 0.1, waitingP99 / 4),
                waitingP99);
            if (tracker.Observe(step, interval, measure))
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public void KeptUpSteps_GiveTheKnee_AndTheBestCaseIsTheHighestWithinBudget()
    {
        var tracker = new SweepTracker(Plan());

        Assert.False(Step(tracker, 0, 100, _ => 1, waitingP99: 0.1));
        Assert.False(Step(tracker, 1, 200, _ => 1, waitingP99: 0.2));
        Assert.False(Step(tracker, 2, 300, _ => 2, waitingP99: 0.6));
        Assert.False(Step(tracker, 3, 400, _ => 2, waitingP99: 3));
        Assert.False(Step(tracker, 4, 500, _ => 3, waitingP99: 9));
        tracker.Close();
        var report = tracker.Report();

        Assert.Equal("completed", report.Status);
        Assert.Equal(0.25, report.BudgetMs, 6);
        Assert.StartsWith("0.25 × mean service time 1 ms", report.BudgetSource);
        Assert.Equal([100.0, 200, 300, 400, 500], report.Steps.Select(s => s.OfferedRate));
        Assert.All(report.Steps, s => Assert.True(s.Complete && !s.Saturated));
        Assert.Equal(200, report.Best!.Rate);
        Assert.Equal(0.2, report.Best.Utilization, 6);
        Assert.Equal(500, report.KneeRate);
        Assert.Null(report.Worst);
        Assert.Null(report.StopReason);
    }

    [Fact]
    public void AnIntervalPastTheSweep_EndsIt_ButOneBeforeItDoesNot()
    {
        var plan = Plan() with { StartOffset = TimeSpan.FromSeconds(1), Rates = [100] };
        var tracker = new SweepTracker(plan);
        tracker.ObserveOutside(new IntervalStatistics { StartSeconds = 0, DurationSeconds = IntervalSeconds });
        Assert.Equal("running", tracker.Report().Status);

        var measure = new StepMeasure(50, new StepFigures(0, 0, 0), new StepFigures(1, 1, 1), 0.1, null, 0);
        for (var i = 0; i < 4; i++)
        {
            var interval = new IntervalStatistics { StartSeconds = 1 + (i * IntervalSeconds), DurationSeconds = IntervalSeconds, Load = new LoadStatistics { Requests = 50 } };
            Assert.Equal(0, tracker.StepOf(interval));
            tracker.Observe(0, interval, measure);
        }

        tracker.ObserveOutside(new IntervalStatistics { StartSeconds = 3, DurationSeconds = IntervalSeconds });
        var report = tracker.Report();
        Assert.Equal("completed", report.Status);
        Assert.True(Assert.Single(report.Steps).Complete);
        Assert.Equal(100, report.KneeRate);
    }

    [Fact]
    public void WaitingP99OverTheLimit_StopsTheSweep_AndNamesWhereSaturationBegan()
    {
        var tracker = new SweepTracker(Plan(budget: TimeSpan.FromMilliseconds(1)));

        Assert.False(Step(tracker, 0, 100, _ => 1, waitingP99: 0.5));
        Assert.False(Step(tracker, 1, 200, _ => 1, waitingP99: 0.8));
        Assert.True(Step(tracker, 2, 260, i => 10 + (i * 30), waitingP99: 80, latencyP99: 150));
        var report = tracker.Report();

        Assert.Equal("saturated", report.Status);
        Assert.Equal("scenario", report.BudgetSource);
        Assert.Contains("stayed over the limit of 50 ms for two intervals in a row at 300 req/s (the last 80 ms)", report.StopReason);
        Assert.Equal(200, report.KneeRate);
        Assert.Equal(200, report.Best!.Rate);
        Assert.Equal(300, report.Worst!.SaturationRate);
        Assert.True(report.Steps[2].Saturated);

        // Nothing after the stop counts: the run drains, the sweep is over.
        Assert.Null(tracker.StepOf(new IntervalStatistics { StartSeconds = 5.0, DurationSeconds = IntervalSeconds }));
    }

    [Fact]
    public void TheWarmUpInterval_IsCountedNowhere_AndALoneStallOverTheWaitingLimit_DoesNotStopTheSweep()
    {
        var tracker = new SweepTracker(Plan());
        var calm = new StepMeasure(10, new StepFigures(0, 0, 1), new StepFigures(1, 1, 1), 0.1, null, IntervalWaitingP99Ms: 1);
        var stalled = calm with { IntervalWaitingP99Ms = 500 };

        // The first interval (cold start) is the warm-up; answers came back in it, so it ends there.
        var first = new IntervalStatistics { StartSeconds = 0, DurationSeconds = IntervalSeconds, InFlight = 1, Load = new LoadStatistics { Requests = 5 } };
        Assert.True(tracker.TakeWarmUp(first));
        Assert.False(tracker.TakeWarmUp(first with { StartSeconds = IntervalSeconds }));

        // Then every other interval over the limit: stalls, not saturation.
        StepMeasure[] measures = [stalled, calm, stalled, calm, stalled, calm, stalled];
        for (var i = 0; i < measures.Length; i++)
        {
            var interval = new IntervalStatistics { StartSeconds = (i + 1) * IntervalSeconds, DurationSeconds = IntervalSeconds, InFlight = 1 };
            Assert.False(tracker.Observe(tracker.StepOf(interval)!.Value, interval, measures[i]));
        }

        Assert.Equal("running", tracker.Report().Status);
        Assert.Equal(1.5, tracker.Report().Steps[0].Seconds, 6); // the first step's four intervals, less the warm-up
    }

    [Fact]
    public void NoAnswersAtTheStart_TheWarmUpLastsUntilTheyComeBack_WithinTheFirstStep()
    {
        var tracker = new SweepTracker(Plan());
        IntervalStatistics At(int index, long answered, int inFlight) => new()
        {
            Index = index,
            StartSeconds = index * IntervalSeconds,
            DurationSeconds = IntervalSeconds,
            InFlight = inFlight,
            Load = new LoadStatistics { Requests = answered },
        };

        // A stalled start: nothing answered for two intervals, then the backlog comes back at once.
        Assert.True(tracker.TakeWarmUp(At(0, 0, 50)));
        Assert.True(tracker.TakeWarmUp(At(1, 0, 100)));
        Assert.True(tracker.TakeWarmUp(At(2, 140, 10)));
        Assert.False(tracker.TakeWarmUp(At(3, 50, 10)));
        Assert.False(tracker.TakeWarmUp(At(4, 0, 10)));
        Assert.Equal(1.5, tracker.Report().WarmUpSeconds, 6);

        // Never past the first step, even if nothing is ever answered.
        var silent = new SweepTracker(Plan());
        for (var i = 0; i < 4; i++)
        {
            Assert.True(silent.TakeWarmUp(At(i, 0, 50 * (i + 1))));
        }

        Assert.False(silent.TakeWarmUp(At(4, 0, 250)));
        Assert.Equal(2.0, silent.Report().WarmUpSeconds, 6);
    }

    [Fact]
    public void BacklogGrowingIntervalsInARow_StopsTheSweep_WithGrowthRates()
    {
        var tracker = new SweepTracker(Plan());

        Assert.False(Step(tracker, 0, 100, _ => 1, waitingP99: 0.1));
        Assert.True(Step(tracker, 1, 180, i => 5 + (i * 20), waitingP99: 20));
        var report = tracker.Report();

        Assert.Equal("saturated", report.Status);
        Assert.Contains("backlog grew 3 intervals in a row at 200 req/s: from 1 to 45 requests in flight", report.StopReason);
        Assert.Equal(100, report.KneeRate);
        Assert.Equal(200, report.Worst!.SaturationRate);
        Assert.Equal(40, report.Worst.BacklogGrowthPerSecond, 3);
        Assert.Equal(40, report.Steps[1].BacklogGrowthPerSecond, 3);
        Assert.Equal(0, report.Steps[1].WaitingGrowthMsPerSecond, 3);
    }

    [Fact]
    public void ABacklogThatWobbles_DoesNotStopTheSweep()
    {
        var tracker = new SweepTracker(Plan());

        // Three rises in a row, but by one request each: chance, not saturation.
        Assert.False(Step(tracker, 0, 100, i => 1 + i, waitingP99: 0.1));
        Assert.False(Step(tracker, 1, 200, i => 4 - i, waitingP99: 0.1));

        Assert.Equal("running", tracker.Report().Status);
        Assert.Equal(100, tracker.Report().KneeRate);
        Assert.All(tracker.Report().Steps, s => Assert.False(s.Saturated));
    }

    [Fact]
    public void StepsThatFinishTooFewRequests_AreSaturated_AndAStoppedRunSaysSo()
    {
        var tracker = new SweepTracker(Plan());

        Assert.False(Step(tracker, 0, 100, _ => 1, waitingP99: 0.1));
        Assert.False(Step(tracker, 1, 150, _ => 1, waitingP99: 0.1));
        Assert.False(Step(tracker, 2, 160, _ => 1, waitingP99: 0.1));
        tracker.Close();
        var report = tracker.Report();

        Assert.Equal("stopped", report.Status);
        Assert.True(report.Steps[1].Saturated && report.Steps[2].Saturated);
        Assert.Equal(100, report.KneeRate);
        Assert.Equal(200, report.Worst!.SaturationRate);
    }

    [Fact]
    public void ALoneSaturatedStep_FollowedBySteps_ThatKeptUp_IsABlipNotTheLimit()
    {
        var tracker = new SweepTracker(Plan());

        Assert.False(Step(tracker, 0, 100, _ => 1, waitingP99: 0.1));
        Assert.False(Step(tracker, 1, 150, _ => 1, waitingP99: 0.1));
        Assert.False(Step(tracker, 2, 300, _ => 1, waitingP99: 0.1));
        tracker.Close();
        var report = tracker.Report();

        Assert.True(report.Steps[1].Saturated);
        Assert.Null(report.Worst);
        Assert.Equal(300, report.KneeRate);
    }

    [Fact]
    public void Verdict_ReadsTheSweep_BestAndWorstCase()
    {
        var tracker = new SweepTracker(Plan(budget: TimeSpan.FromMilliseconds(1)));
        Step(tracker, 0, 100, _ => 1, waitingP99: 0.5);
        Step(tracker, 1, 180, i => 5 + (i * 20), waitingP99: 20);

        var verdict = VerdictBuilder.Build(new VerdictInput
        {
            Requests = 1000,
            Utilization = 0.5,
            WaitingMeanMs = 2,
            WaitingP99Ms = 20,
            LatencyMeanMs = 10,
            Series = [],
            Blockers = [],
            Sweep = tracker.Report(),
        });

        Assert.Equal("saturated", verdict.Kind);
        Assert.StartsWith("Saturated from ~200 req/s: waiting p99 grows 0 ms per second and the backlog 40 requests per second; 20 % of latency is waiting. Best case 100 req/s at utilization 10 %", verdict.Text);
        Assert.Equal(100, verdict.Figures["bestRate"]);
        Assert.Equal(200, verdict.Figures["saturatedAtRate"]);
    }
}
