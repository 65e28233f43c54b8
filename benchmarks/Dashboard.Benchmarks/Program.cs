using Dashboard.Benchmarks;

// benchmarks/run.sh NAME calls this with NAME; each benchmark prints NAME.FIGURE = VALUE lines.
return args.FirstOrDefault() switch
{
    "loop" => await LoopBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Dashboard.Benchmarks loop [--seconds N]");
    return 2;
}
