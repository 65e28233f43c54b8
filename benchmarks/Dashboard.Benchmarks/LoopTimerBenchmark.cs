using System.Diagnostics;
using System.Globalization;
using Dashboard.EventLoop;

namespace Dashboard.Benchmarks;

/// <summary>
/// The loop's timers as a user meets them: how late a <c>loop.Sleep</c> wakes (timer lag: the
/// step that served the timer began this long after its due time), at idle and with the loop about
/// half busy, and what an idle loop costs in CPU. Accounting on, default options, as the dashboard runs it.
/// </summary>
internal static class LoopTimerBenchmark
{
    private const int Sleeps = 600;
    private const int BusyTasks = 8;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);
    private static readonly long BusyStepTicks = LoopClock.FromTimeSpan(TimeSpan.FromMilliseconds(0.1));

    public static async Task<int> RunAsync()
    {
        await using var loop = new EventLoop.EventLoop(new EventLoopOptions());
        loop.Start();
        var figures = new List<LoopIntervalFigures>();
        var collect = Task.Run(async () =>
        {
            await foreach (var interval in loop.Intervals.ReadAllAsync())
            {
                lock (figures)
                {
                    figures.Add(interval);
                }
            }
        });

        // Idle: nothing but the loop's own figure interval. The whole process's CPU, so the
        // runtime's threads count too (an upper bound on the loop's share).
        await Task.Delay(TimeSpan.FromSeconds(1));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(IdleWindow);
        process.Refresh();
        var idleCpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;
        Print("idle_cpu_pct", idleCpu);

        var idleLags = await SleepLagsAsync(loop, seed: 1);
        Print("timer_lag_p50_ms", Percentile(idleLags, 50));
        Print("timer_lag_p99_ms", Percentile(idleLags, 99));

        // About half busy: tasks that compute 0.1 ms and sleep a random 0–3.2 ms (a mean of 1.6).
        var stop = false;
        var busy = Enumerable.Range(0, BusyTasks).Select(i => loop.Spawn($"busy-{i}", "bench", async _ =>
        {
            var random = new Random(100 + i);
            while (!Volatile.Read(ref stop))
            {
                var end = LoopClock.Now + BusyStepTicks;
                while (LoopClock.Now < end)
                {
                }

                await loop.Sleep(TimeSpan.FromMilliseconds(random.NextDouble() * 3.2));
            }
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1));
        int from;
        lock (figures)
        {
            from = figures.Count;
        }

        var busyLags = await SleepLagsAsync(loop, seed: 2);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(busy.Select(t => t.Completion));
        double utilization;
        lock (figures)
        {
            utilization = figures.Skip(from).Select(f => f.Utilization).DefaultIfEmpty(0).Average();
        }

        Print("utilization_at_50pct", utilization);
        Print("timer_lag_p50_ms_at_50pct", Percentile(busyLags, 50));
        Print("timer_lag_p99_ms_at_50pct", Percentile(busyLags, 99));
        await loop.StopAsync(TimeSpan.FromSeconds(5));
        await collect;
        return 0;
    }

    /// <summary>A task sleeps <see cref="Sleeps"/> times for a random 1–10 ms; each wake's lateness in ms.</summary>
    private static async Task<List<double>> SleepLagsAsync(EventLoop.EventLoop loop, int seed)
    {
        var lags = new List<double>(Sleeps);
        var sleeper = loop.Spawn("sleeper", "bench", async _ =>
        {
            var random = new Random(seed);
            for (var i = 0; i < Sleeps; i++)
            {
                var delay = TimeSpan.FromMilliseconds(1 + (random.NextDouble() * 9));
                var due = LoopClock.Now + LoopClock.FromTimeSpan(delay);
                await loop.Sleep(delay);
                lags.Add(LoopClock.ToMilliseconds(LoopClock.Now - due));
            }
        });
        await sleeper.Completion;
        return lags;
    }

    /// <summary>The value at <paramref name="percentile"/> (nearest rank).</summary>
    internal static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];
    }

    private static void Print(string name, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} = {value:0.####}"));
}
