using System.Diagnostics;
using System.Globalization;
using Dashboard.EventLoop;

namespace Dashboard.Benchmarks;

/// <summary>
/// Await continuations per second through the loop, bare (accounting off) and instrumented
/// (accounting on), then the loop's timers. A continuation here is one <c>await loop.Yield()</c>:
/// the state machine posts itself, the loop dequeues it, and (instrumented) books the step to its task.
/// </summary>
/// <remarks>
/// Each round runs in a process of its own, alternating bare and instrumented: a process runs its
/// loop one way, as the dashboard does, so dynamic PGO profiles only that way. Measured in one
/// process, the two modes shared one profile and the figures swung 40 % between runs.
/// </remarks>
internal static class LoopBenchmark
{
    private const int Tasks = 64;
    private const int Rounds = 5;

    public static int Run(string[] args)
    {
        var seconds = args.Length >= 2 && args[0] == "--seconds" ? args[1] : "1";
        var bare = new List<double>();
        var instrumented = new List<double>();
        var bytes = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            bare.Add(ChildFigures("loop-round", "bare", seconds)["continuations_per_sec"]);
            var round = ChildFigures("loop-round", "instrumented", seconds);
            instrumented.Add(round["continuations_per_sec"]);
            bytes.Add(round["bytes_per_continuation"]);
        }

        Console.Error.WriteLine($"rounds, bare: {string.Join(", ", bare.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}; instrumented: {string.Join(", ", instrumented.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}");
        var bareMedian = Median(bare);
        var instrumentedMedian = Median(instrumented);
        Console.WriteLine($"loop.bare_continuations_per_sec = {bareMedian:F0}");
        Console.WriteLine($"loop.instrumented_continuations_per_sec = {instrumentedMedian:F0}");
        Console.WriteLine($"loop.instrumented_vs_bare = {instrumentedMedian / bareMedian:F2}");
        Console.WriteLine($"loop.bytes_per_continuation = {Median(bytes):F2}");
        foreach (var (name, value) in ChildFigures("loop-timers"))
        {
            Console.WriteLine($"loop.{name} = {value:0.###}");
        }

        return 0;
    }

    /// <summary>One round in this process: warm up, then measure continuations per second and bytes allocated per continuation.</summary>
    public static async Task<int> RunRoundAsync(string[] args)
    {
        var accounting = args[0] == "instrumented";
        var duration = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
        await WarmUpAsync(accounting);
        var (perSecond, bytesPer) = await MeasureAsync(accounting, duration);
        Console.WriteLine($"continuations_per_sec = {perSecond.ToString("F0", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"bytes_per_continuation = {bytesPer.ToString("F3", CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>
    /// Runs half-second slices until two in a row agree within 2 % (at least 3 s, at most 12 s).
    /// With everything on one core, tiered JIT takes seconds to reach its final code: after the
    /// 1.5 s this benchmark used to allow, the measured second still ran first-tier code (perf
    /// showed RunStep and the queue "QuickJitted"), up to 3× slower than later.
    /// </summary>
    private static async Task WarmUpAsync(bool accounting)
    {
        var slice = TimeSpan.FromSeconds(0.5);
        var watch = Stopwatch.StartNew();
        var previous = 0.0;
        while (watch.Elapsed < TimeSpan.FromSeconds(12))
        {
            var (rate, _) = await MeasureAsync(accounting, slice);
            if (watch.Elapsed >= TimeSpan.FromSeconds(3) && Math.Abs(rate - previous) <= 0.02 * rate)
            {
                return;
            }

            previous = rate;
        }
    }

    /// <summary>Runs this benchmark's executable with <paramref name="args"/> and reads its NAME = VALUE lines.</summary>
    internal static Dictionary<string, double> ChildFigures(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        start.Environment["DOTNET_TieredPGO"] = "0";

        // Tier-up begins once no new method has been compiled for 100 ms; with the loop spinning on
        // the only core, some processes never began it and measured first-tier code for their whole
        // life (perf: RunStep "QuickJitted"; 7 M against 15 M a second). Without the delay every
        // process reaches its final code within the warm-up.
        start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        start.ArgumentList.Add(typeof(LoopBenchmark).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', args)}' exited with {child.ExitCode}: {output}");
        }

        var figures = new Dictionary<string, double>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(" = ");
            if (parts.Length == 2 && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var value))
            {
                figures[parts[0]] = value;
            }
        }

        return figures;
    }

    private static async Task<(double PerSecond, double BytesPerContinuation)> MeasureAsync(bool accounting, TimeSpan duration)
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
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
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
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await loop.StopAsync(TimeSpan.FromSeconds(5));
        await drain;
        var continuations = Interlocked.Read(ref total);

        // What this harness allocates itself (64 tasks and their state machines, the delay) is a few
        // kilobytes, against tens of millions of continuations: under 0.001 bytes each.
        return (continuations / elapsed.TotalSeconds, (double)allocated / continuations);
    }

    internal static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
