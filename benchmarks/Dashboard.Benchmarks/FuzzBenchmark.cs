using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dashboard.EventLoop;
using Dashboard.Load;
using Dashboard.Load.Scenarios;
using Dashboard.LoopServer;
using Dashboard.LoopServer.Serving;
using Dashboard.LoopServer.Workloads;
using Dashboard.LoopServer.Workloads.Execution;

namespace Dashboard.Benchmarks;

/// <summary>
/// benchmarks/run.sh fuzz: mutated requests against a running loop server (each on its own
/// connection, ended by the client's EOF), mutated scenario documents against the validator and
/// mutated workload documents against the workload parser. A crash is anything but a clean
/// answer or a clean refusal: an exception, a 500, an answer that is not HTTP, a connection the
/// server does not close, a server task that faults, a loop that stops. A health probe runs
/// throughout; its worst latency is printed beside the same probe's worst before the fuzzing.
/// </summary>
internal static class FuzzBenchmark
{
    private static readonly string[] RequestCorpus =
    [
        "GET / HTTP/1.1\r\nHost: fuzz\r\n\r\n",
        "GET /health HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n\r\n",
        "GET /w/hello HTTP/1.1\r\nHost: fuzz\r\nX-Correlation-Id: fuzz-1\r\n\r\n",
        "GET /w/json-heavy?x=1&y=2 HTTP/1.1\r\nHost: fuzz\r\nAccept: */*\r\nUser-Agent: fuzz/1.0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: fuzz\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello=world",
        "GET / HTTP/1.0\r\n\r\n",
        "HEAD /health HTTP/1.1\r\nHost: fuzz\r\nConnection: keep-alive\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: fuzz\r\n\r\nGET /health HTTP/1.1\r\nHost: fuzz\r\n\r\n",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var httpCount = Option(args, "--http", 1_000_000);
        var documentCount = Option(args, "--documents", 100_000);
        var workers = Option(args, "--workers", 16);
        var seed = Option(args, "--seed", 20261205);
        var scenarios = args.SkipWhile(a => a != "--scenarios").Skip(1).FirstOrDefault() ?? "scenarios";

        var unhandled = 0;
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Interlocked.Increment(ref unhandled);
        TaskScheduler.UnobservedTaskException += (_, e) => { Interlocked.Increment(ref unhandled); e.SetObserved(); };

        var http = await FuzzHttpAsync(httpCount, workers, seed);
        var scenario = FuzzDocuments(documentCount, seed, ScenarioCorpus(scenarios), text => new ScenarioValidator(new LoadEngineOptions()).Parse(text).IsValid);
        var workload = FuzzDocuments(documentCount, seed, WorkloadCorpus(), text => WorkloadParser.Parse(text, WorkloadLimits.Default).Workload is not null);

        Print("fuzz.http.requests", http.Requests);
        Print("fuzz.http.answered", http.Answered);
        Print("fuzz.http.closed_without_answer", http.ClosedSilently);
        Print("fuzz.http.crashes", http.Crashes + unhandled);
        Print("fuzz.http.per_second", http.Requests / http.Elapsed.TotalSeconds);
        Print("fuzz.http.baseline_worst_health_ms", http.BaselineWorstHealthMs);
        Print("fuzz.http.worst_health_ms", http.WorstHealthMs);
        Print("fuzz.scenario.documents", scenario.Documents);
        Print("fuzz.scenario.valid", scenario.Valid);
        Print("fuzz.scenario.crashes", scenario.Crashes);
        Print("fuzz.workload.documents", workload.Documents);
        Print("fuzz.workload.valid", workload.Valid);
        Print("fuzz.workload.crashes", workload.Crashes);
        foreach (var example in http.Examples.Concat(scenario.Examples).Concat(workload.Examples).Take(10))
        {
            Console.Error.WriteLine("crash: " + example);
        }

        return http.Crashes + unhandled + scenario.Crashes + workload.Crashes == 0 ? 0 : 1;
    }

    private sealed record HttpOutcome(long Requests, long Answered, long ClosedSilently, int Crashes, TimeSpan Elapsed, double BaselineWorstHealthMs, double WorstHealthMs, List<string> Examples);

    private static async Task<HttpOutcome> FuzzHttpAsync(int count, int workers, int seed)
    {
        var loop = new EventLoop.EventLoop(new EventLoopOptions());
        loop.Start();
        var faultedServerTasks = 0;
        var drain = Task.Run(async () =>
        {
            await foreach (var record in loop.CompletedTasks.ReadAllAsync())
            {
                if (record.Outcome == TaskOutcome.Faulted && record.Kind.StartsWith("server/", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref faultedServerTasks);
                }
            }
        });
        var catalog = WorkloadCatalog.Load();
        await using var executor = new WorkloadExecutor(loop);
        var server = new LoopHttpServer(loop, new LoopServerOptions { Host = "127.0.0.1", Port = 0, HeaderReadTimeout = TimeSpan.FromSeconds(2) },
            new LoopRequestRouter(new WorkloadRoutes(catalog, executor, WorkloadLimits.Default)));
        server.Start();
        var endPoint = server.EndPoint!;

        using var probeClient = new HttpClient { BaseAddress = new Uri($"http://{endPoint}/") };
        // The first probes pay for JIT and the connection: warm up, then measure the quiet baseline.
        for (var i = 0; i < 20; i++)
        {
            await ProbeAsync(probeClient);
        }

        var baseline = 0.0;
        for (var i = 0; i < 50; i++)
        {
            baseline = Math.Max(baseline, await ProbeAsync(probeClient));
            await Task.Delay(20);
        }

        var corpus = RequestCorpus.Select(r => Encoding.Latin1.GetBytes(r)).ToArray();
        var examples = new List<string>();
        long next = 0, answered = 0, silent = 0;
        var crashes = 0;
        var worst = 0.0;
        using var done = new CancellationTokenSource();
        var probing = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var ms = await ProbeAsync(probeClient);
                InterlockedMax(ref worst, ms);
                await Task.Delay(100);
            }
        });

        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mutator = new Mutator(seed + w);
            var buffer = new byte[4096];
            while (Interlocked.Increment(ref next) <= count)
            {
                var request = mutator.Bytes(mutator.Pick(corpus));
                var answer = await ExchangeAsync(endPoint, request, buffer);
                if (answer.Length == 0)
                {
                    Interlocked.Increment(ref silent);
                }
                else if (answer.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && answer.Length >= 12 && int.TryParse(answer.AsSpan(9, 3), CultureInfo.InvariantCulture, out var status) && status is >= 100 and < 600 && status != 500)
                {
                    Interlocked.Increment(ref answered);
                }
                else
                {
                    Interlocked.Increment(ref crashes);
                    lock (examples)
                    {
                        examples.Add($"http: {Escape(request)} → {Escape(Encoding.Latin1.GetBytes(answer[..Math.Min(120, answer.Length)]))}");
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        clock.Stop();
        await done.CancelAsync();
        await probing;

        var stillRunning = loop.IsRunning;
        await server.StopAsync(TimeSpan.FromSeconds(5));
        await loop.StopAsync(TimeSpan.FromSeconds(5));
        await drain;
        crashes += faultedServerTasks + (int)server.Counters.HandlerFailures + (stillRunning ? 0 : 1);
        return new HttpOutcome(Math.Min(next, count), answered, silent, crashes, clock.Elapsed, baseline, worst, examples);
    }

    /// <summary>Sends one mutated request and the end of input; answers what the server sent before closing ("TIMEOUT…" if it never closes).</summary>
    private static async Task<string> ExchangeAsync(IPEndPoint endPoint, byte[] request, byte[] buffer)
    {
        // Reset on close: a million short connections must not leave a million TIME_WAITs behind.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = new LingerOption(true, 0) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await socket.ConnectAsync(endPoint);
                break;
            }
            catch (SocketException) when (attempt < 50)
            {
                await Task.Delay(20); // the client ran out of ports or the backlog was full: not the server's fault
            }
        }

        var answer = new StringBuilder();
        try
        {
            await socket.SendAsync(request, SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
            {
                if (answer.Length < 256)
                {
                    answer.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }
            }
        }
        catch (OperationCanceledException)
        {
            return "TIMEOUT: the server did not close after the client's end of input";
        }
        catch (SocketException)
        {
            // Reset by the server after its answer (it closed while our bytes were unread): fine.
        }

        return answer.ToString();
    }

    private static async Task<double> ProbeAsync(HttpClient client)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync("health");
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private sealed record DocumentOutcome(int Documents, int Valid, int Crashes, List<string> Examples);

    /// <summary>Mutated documents through <paramref name="validate"/>; an exception is a crash.</summary>
    private static DocumentOutcome FuzzDocuments(int count, int seed, IReadOnlyList<string> corpus, Func<string, bool> validate)
    {
        var mutator = new Mutator(seed);
        var valid = 0;
        var crashes = 0;
        var examples = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var text = mutator.Json(mutator.Pick(corpus));
            try
            {
                valid += validate(text) ? 1 : 0;
            }
            catch (Exception ex)
            {
                crashes++;
                if (examples.Count < 5)
                {
                    // The whole document, to replay: artifacts/fuzz/crash-N.json.
                    Directory.CreateDirectory("artifacts/fuzz");
                    var file = Path.Combine("artifacts/fuzz", $"crash-{Guid.NewGuid():N}.json");
                    File.WriteAllText(file, text);
                    var frame = string.Join(" ← ", (ex.StackTrace ?? "").Split('\n').Take(4).Select(l => l.Trim()));
                    examples.Add($"document: {ex.GetType().Name}: {ex.Message} {frame} (saved as {file})");
                }
            }
        }

        return new DocumentOutcome(count, valid, crashes, examples);
    }

    private static string[] ScenarioCorpus(string folder)
    {
        var files = Directory.GetFiles(folder, "*.json").Select(File.ReadAllText).ToList();
        files.Add("""{ "name": "inline", "target": { "inline": { "steps": [ { "cpu": "1ms" }, { "sleep": "2ms" } ] } }, "phases": [ { "inject": { "rate": 10, "during": "1s" } } ] }""");
        files.Add("""{ "name": "url", "target": { "url": "http://127.0.0.1:5080/w/hello" }, "requests": [ { "name": "a", "method": "POST", "path": "/w/hello", "body": "x", "weight": 2 } ], "phases": [ { "users": { "count": 2, "during": "1s" } } ] }""");
        return [.. files];
    }

    private static string[] WorkloadCorpus() =>
        [.. Directory.GetFiles(WorkloadCatalogOptions.DefaultDirectory, "*.json").Select(File.ReadAllText)];

    private static void InterlockedMax(ref double target, double value)
    {
        double current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static string Escape(byte[] bytes) =>
        string.Concat(bytes.Take(160).Select(b => b is >= 32 and < 127 ? ((char)b).ToString() : $"\\x{b:x2}"));

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void Print(string name, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} = {value:0.##}"));
}
