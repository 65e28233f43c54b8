using System.CommandLine;
using Dashboard.Server.Configuration;

namespace Dashboard.Server.Cli;

/// <summary>
/// The host's command line. With no command it runs the web dashboard (and passes every argument,
/// such as <c>--urls</c>, to the host; <c>--verbose</c> shows the framework's logging too);
/// <c>run SCENARIO [--out DIR]</c> runs a scenario headless, from a file or the catalog by name;
/// <c>probe [--url URL]</c> asks a running dashboard whether it is ready;
/// <c>agent --nats URL [--name NAME]</c> joins a coordinating dashboard as a load agent.
/// </summary>
internal static class CommandLineEntry
{
    public const int Passed = 0;
    public const int ThresholdsFailed = 1;
    public const int InvalidInput = 2;

    public const string Usage = "usage: dotnet run --project server/Dashboard.Server -- run FILE.json|NAME [--out DIR] [--set KEY=VALUE] [--verbose]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("run" or "probe" or "agent" or "--help" or "-h" or "-?" or "--version"))
        {
            var hostArgs = ConsoleLogging.TakeVerbose(args, out var verbose);
            return await DashboardApplication.RunAsync(hostArgs, verbose);
        }

        var scenario = new Argument<string>("scenario")
        {
            Description = "A scenario file (JSON), e.g. scenarios/io-bound.json, relative to the current folder; or a catalog scenario's name, e.g. hello.",
        };
        var output = new Option<string?>("--out") { Description = "Folder for the run's reports (relative to the current folder): HTML, JSON, CSV (zip) and a Chrome trace, named after the run." };
        var settings = new Option<string[]>("--set")
        {
            Description = "A host setting as KEY=VALUE, e.g. --set LoopServer:Port=5080 (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var verboseOption = new Option<bool>(ConsoleLogging.VerboseSwitch) { Description = "Log the host's and the framework's lines too (warnings only by default)." };
        var run = new Command("run", "Run a scenario without the web dashboard; exit 0 pass, 1 thresholds failed, 2 invalid input.")
        {
            scenario,
            output,
            settings,
            verboseOption,
        };
        run.SetAction((parse, cancellationToken) => HeadlessRun.RunAsync(
            new HeadlessRequest(parse.GetValue(scenario)!, parse.GetValue(output), parse.GetValue(settings) ?? [], parse.GetValue(verboseOption)),
            Console.Out,
            Console.Error,
            cancellationToken));

        var probeUrl = new Option<string>("--url") { Description = "The readiness endpoint to ask.", DefaultValueFactory = _ => HealthProbe.DefaultUrl };
        var probe = new Command("probe", "Ask a running dashboard whether it is ready (GET /health/ready); exit 0 when it answers 200, 1 otherwise (a container's HEALTHCHECK).")
        {
            probeUrl,
        };
        probe.SetAction((parse, cancellationToken) => HealthProbe.RunAsync(parse.GetValue(probeUrl)!, TimeSpan.FromSeconds(10), Console.Out, Console.Error, cancellationToken));

        var nats = new Option<string?>("--nats") { Description = "The NATS broker the coordinating dashboard uses, e.g. nats://10.0.0.2:4222 (or Distributed:Nats). Credentials: Distributed:Token, or Distributed:User and Distributed:Password, e.g. from the environment as Distributed__Token." };
        var agentName = new Option<string?>("--name") { Description = "How the dashboard calls this agent: letters, digits, '-' and '_' (default: this machine's name and the process id)." };
        var allow = new Option<string[]>("--allow")
        {
            Description = "A target origin this agent agrees to load, e.g. --allow http://10.0.0.3:5080 (repeatable; adds to LoadEngine:AllowedTargetOrigins). It refuses any other, whoever asks.",
            AllowMultipleArgumentsPerToken = false,
        };
        var agent = new Command("agent", "Run a load agent without the web dashboard: it joins the dashboard through the NATS broker and runs its share of the runs it is given. Exit 0 when stopped, 2 on a bad setting, 3 when the broker cannot be reached.")
        {
            nats,
            agentName,
            allow,
            settings,
            verboseOption,
        };
        agent.SetAction((parse, cancellationToken) => AgentCommand.RunAsync(
            new AgentRequest(parse.GetValue(nats), parse.GetValue(agentName), parse.GetValue(allow) ?? [], parse.GetValue(settings) ?? [], parse.GetValue(verboseOption)),
            Console.Out,
            Console.Error,
            cancellationToken));

        var root = new RootCommand($"Loop dashboard: event-loop load testing. Without a command it serves the dashboard on {DashboardApplication.DefaultUrl} (--urls to change, {ConsoleLogging.VerboseSwitch} for the framework's logging).")
        {
            run,
            probe,
            agent,
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync(Usage);
            return InvalidInput;
        }

        return await parsed.InvokeAsync();
    }
}
