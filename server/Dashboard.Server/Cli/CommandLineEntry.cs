using System.CommandLine;

namespace Dashboard.Server.Cli;

/// <summary>
/// The host's command line. With no command it runs the web dashboard (and passes every argument,
/// such as <c>--urls</c>, to the host); <c>run FILE.json [--out DIR]</c> runs a scenario headless.
/// </summary>
internal static class CommandLineEntry
{
    public const int Passed = 0;
    public const int ThresholdsFailed = 1;
    public const int InvalidInput = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("run" or "--help" or "-h" or "-?" or "--version"))
        {
            return await DashboardApplication.RunAsync(args);
        }

        var file = new Argument<FileInfo>("file") { Description = "The scenario file (JSON), e.g. scenarios/io-bound.json." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for the run's reports: HTML, JSON, CSV (zip) and a Chrome trace, named after the run." };
        var settings = new Option<string[]>("--set")
        {
            Description = "A host setting as KEY=VALUE, e.g. --set LoopServer:Port=5080 (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var run = new Command("run", "Run a scenario without the web dashboard; exit 0 pass, 1 thresholds failed, 2 invalid input.")
        {
            file,
            output,
            settings,
        };
        run.SetAction((parse, cancellationToken) => HeadlessRun.RunAsync(
            parse.GetValue(file)!,
            parse.GetValue(output),
            parse.GetValue(settings) ?? [],
            Console.Out,
            Console.Error,
            cancellationToken));

        var root = new RootCommand("Loop dashboard: event-loop load testing. Without a command it serves the dashboard on http://127.0.0.1:5000.")
        {
            run,
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("usage: dotnet run --project server/Dashboard.Server -- run FILE.json [--out DIR] [--set KEY=VALUE]");
            return InvalidInput;
        }

        return await parsed.InvokeAsync();
    }
}
