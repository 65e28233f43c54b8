using System.Diagnostics;
using Dashboard.EventLoop;

namespace Dashboard.Fidelity;

/// <summary>
/// The loop as an M/D/1 queue: Poisson arrivals (a generator thread spawning tasks at exponential
/// gaps, spinning so the gaps are exact) of tasks that compute a fixed time on the loop. Yields
/// the achieved arrival rate, the measured loop time per task S (its compute plus the loop's own
/// overhead per task) and the tasks' mean waiting. Shared by the fidelity benchmark and the
/// fidelity test (linked into both), so both measure the same thing.
/// </summary>
internal static class Md1Experiment
{
    public static async Task<Md1Measurement> MeasureAsync(double rate, double seconds, TimeSpan service, int seed = 20261123)
    {
        var loop = new EventLoop.EventLoop(new EventLoopOptions { FigureInterval = TimeSpan.FromMilliseconds(100), MaxSpansPerTask = 0 });
        loop.Start();
        long tasks = 0;
        double waitingMs = 0, awakeMs = 0;
        var reader = Task.Run(async () =>
        {
            await foreach (var record in loop.CompletedTasks.ReadAllAsync())
            {
                tasks++;
                waitingMs += LoopClock.ToMilliseconds(record.WaitingTicks);
                awakeMs += LoopClock.ToMilliseconds(record.AwakeTicks);
            }
        });
        double busyMs = 0;
        var intervals = Task.Run(async () =>
        {
            await foreach (var figures in loop.Intervals.ReadAllAsync())
            {
                busyMs += LoopClock.ToMilliseconds(figures.BusyTicks);
            }
        });

        var serviceTicks = (long)(service.TotalSeconds * Stopwatch.Frequency);
        var random = new Random(seed);
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(seconds * Stopwatch.Frequency);
        var next = (double)started;
        var spawned = 0L;
        await Task.Run(() =>
        {
            while (true)
            {
                next += -Math.Log(1 - random.NextDouble()) / rate * Stopwatch.Frequency;
                if (next >= end)
                {
                    break;
                }

                while (Stopwatch.GetTimestamp() < next)
                {
                    Thread.SpinWait(10);
                }

                loop.Spawn("job", "md1", _ =>
                {
                    var until = Stopwatch.GetTimestamp() + serviceTicks;
                    while (Stopwatch.GetTimestamp() < until)
                    {
                    }

                    return Task.CompletedTask;
                });
                spawned++;
            }
        });

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var drainDeadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (loop.LiveTaskCount > 0 && Stopwatch.GetTimestamp() < drainDeadline)
        {
            await Task.Delay(10);
        }

        await Task.Delay(300); // the last interval's figures
        await loop.StopAsync(TimeSpan.FromSeconds(5));
        await reader;
        await intervals;
        var serviceMs = tasks == 0 ? 0 : Math.Max(busyMs / tasks, awakeMs / tasks);
        return new Md1Measurement(spawned / elapsed, serviceMs, tasks == 0 ? 0 : waitingMs / tasks);
    }
}

/// <summary>Achieved arrival rate (per second), loop time per task S (ms), mean waiting (ms);
/// and the M/D/1 mean waiting ρ·S / (2·(1−ρ)) those figures predict.</summary>
internal readonly record struct Md1Measurement(double Rate, double ServiceMs, double MeanWaitingMs)
{
    public double Utilization => Rate * ServiceMs / 1000.0;

    public double PredictedWaitingMs => Utilization >= 1 ? double.PositiveInfinity : Utilization * ServiceMs / (2 * (1 - Utilization));
}
