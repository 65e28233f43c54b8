using System.Diagnostics;
using System.Globalization;
using Dashboard.EventLoop;

namespace Dashboard.Benchmarks;

/// <summary>
/// Does the loop queue as theory says? Poisson arrivals (a generator thread spawning tasks at
/// exponential gaps, spinning so the gaps are exact) of tasks that compute a fixed 1 ms on the
/// loop: an M/D/1 queue. The measured mean waiting of the tasks is set beside
/// ρ·S / (2·(1−ρ)), with S the measured loop time per task (its 1 ms plus the loop's own
/// overhead per task) and ρ = λ·S, at two utilizations.
/// </summary>
internal static class FidelityBenchmark
{
    private static readonly TimeSpan Service = TimeSpan.FromMilliseconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        // Calibrate S (service plus overhead) at a light load, then aim λ at each ρ.
        var calibration = await MeasureAsync(100, 3);
        var serviceMs = calibration.ServiceMs;
        Console.WriteLine($"fidelity.service_ms = {serviceMs:F4}");
        foreach (var rho in new[] { 0.5, 0.7 })
        {
            var rate = rho * 1000.0 / serviceMs;
            var result = await MeasureAsync(rate, seconds);
            var actualRho = result.Rate * result.ServiceMs / 1000.0;
            var predicted = actualRho * result.ServiceMs / (2 * (1 - actualRho));
            var name = rho.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', '_');
            Console.WriteLine($"fidelity.rho_{name}.utilization = {actualRho:F3}");
            Console.WriteLine($"fidelity.rho_{name}.measured_waiting_ms = {result.MeanWaitingMs:F4}");
            Console.WriteLine($"fidelity.rho_{name}.md1_predicted_ms = {predicted:F4}");
            Console.WriteLine($"fidelity.rho_{name}.measured_vs_predicted = {result.MeanWaitingMs / predicted:F2}");
        }

        return 0;
    }

    private static async Task<(double Rate, double ServiceMs, double MeanWaitingMs)> MeasureAsync(double rate, double seconds)
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

        var random = new Random(20261123);
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

                loop.Spawn("job", "md1", static _ =>
                {
                    var until = Stopwatch.GetTimestamp() + (long)(Service.TotalSeconds * Stopwatch.Frequency);
                    while (Stopwatch.GetTimestamp() < until)
                    {
                    }

                    return Task.CompletedTask;
                });
                spawned++;
            }
        });

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        while (loop.LiveTaskCount > 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(300); // the last interval's figures
        await loop.StopAsync(TimeSpan.FromSeconds(5));
        await reader;
        await intervals;
        var serviceMs = tasks == 0 ? 0 : Math.Max(busyMs / tasks, awakeMs / tasks);
        return (spawned / elapsed, serviceMs, tasks == 0 ? 0 : waitingMs / tasks);
    }
}
