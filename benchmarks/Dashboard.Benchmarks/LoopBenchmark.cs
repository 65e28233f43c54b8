using System.Diagnostics;
using Dashboard.EventLoop;

namespace Dashboard.Benchmarks;

/// <summary>
/// Await continuations per second through the loop, bare (accounting off) and instrumented
/// (accounting on), measured in alternating rounds of the same run so both see the same machine.
/// A continuation here is one <c>await loop.Yield()</c>: the state machine posts itself, the
/// loop dequeues it, and (instrumented) books the step to its task.
/// </summary>
internal static class LoopBenchmark
{
    private const int Tasks = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length >= 2 && args[0] == "--seconds" ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
        var round = TimeSpan.FromSeconds(seconds);

        // Time-based warm-up of both modes so tiered JIT reaches its final code first.
        await MeasureAsync(accounting: false, TimeSpan.FromSeconds(1.5));
        await MeasureAsync(accounting: true, TimeSpan.FromSeconds(1.5));

        var bare = new List<double>();
        var instrumented = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            bare.Add(await MeasureAsync(accounting: false, round));
            instrumented.Add(await MeasureAsync(accounting: true, round));
        }

        var bareMedian = Median(bare);
        var instrumentedMedian = Median(instrumented);
        Console.WriteLine($"loop.bare_continuations_per_sec = {bareMedian:F0}");
        Console.WriteLine($"loop.instrumented_continuations_per_sec = {instrumentedMedian:F0}");
        Console.WriteLine($"loop.instrumented_vs_bare = {instrumentedMedian / bareMedian:F2}");
        return 0;
    }

    private static async Task<double> MeasureAsync(bool accounting, TimeSpan duration)
    {
        var loop = new EventLoop.EventLoop(new EventLoopOptions { Accounting = accounting, MaxSpansPerTask = 32 });
        loop.Start();
        var drain = Task.Run(async () =>
        {
            await foreach (var _ in loop.CompletedTasks.ReadAllAsync())
            {
            }
        });

        var stop = false;
        long total = 0;
        var started = Stopwatch.GetTimestamp();
        var tasks = new LoopTask[Tasks];
        for (var t = 0; t < Tasks; t++)
        {
            tasks[t] = loop.Spawn($"yielder-{t}", "bench", async _ =>
            {
                long count = 0;
                while (!Volatile.Read(ref stop))
                {
                    for (var i = 0; i < 1024; i++)
                    {
                        await loop.Yield();
                    }

                    count += 1024;
                }

                Interlocked.Add(ref total, count);
            });
        }

        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(tasks.Select(t => t.Completion));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await loop.StopAsync(TimeSpan.FromSeconds(5));
        await drain;
        return Interlocked.Read(ref total) / elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
