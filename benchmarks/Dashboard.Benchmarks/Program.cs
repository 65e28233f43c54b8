using Dashboard.Benchmarks;

// benchmarks/run.sh NAME calls this with NAME; each benchmark prints NAME.FIGURE = VALUE lines.
return args.FirstOrDefault() switch
{
    "loop" => LoopBenchmark.Run(args.Skip(1).ToArray()),
    "loop-round" => await LoopBenchmark.RunRoundAsync(args.Skip(1).ToArray()),
    "loop-timers" => await LoopTimerBenchmark.RunAsync(),
    "loop-server-host" => await ServerHosts.RunLoopServerAsync(
        int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1),
    "fidelity" => await FidelityBenchmark.RunAsync(args.Skip(1).ToArray()),
    "soak" => await SoakBenchmark.RunAsync(args.Skip(1).ToArray()),
    "fuzz" => await FuzzBenchmark.RunAsync(args.Skip(1).ToArray()),
    "load-engine" => await LoadEngineBenchmark.RunAsync(args.Skip(1).ToArray()),
    "histogram" => HistogramBenchmark.Run(),
    "kestrel-host" => await ServerHosts.RunKestrelAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Dashboard.Benchmarks loop [--seconds N] | loop-server-host PORT [LOOPS] | kestrel-host PORT | histogram | load-engine PORT CONNECTIONS SECONDS RATE | fidelity [SECONDS] | fuzz [--http N] [--documents N] [--workers N] [--seed N]");
    return 2;
}
