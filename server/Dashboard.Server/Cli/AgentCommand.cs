using Dashboard.Load;
using Dashboard.Server.Configuration;
using Dashboard.Server.Distributed;
using Dashboard.Server.History;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Cli;

/// <summary>What <c>agent</c> was asked: the broker, the agent's name, extra target origins it allows, host settings.</summary>
internal sealed record AgentRequest(string? Nats, string? Name, IReadOnlyList<string> Allow, IReadOnlyList<string> Settings, bool Verbose = false);

/// <summary>
/// <c>agent --nats nats://HOST:4222 [--name NAME] [--allow ORIGIN]</c>: a load engine without the
/// web dashboard, which joins the coordinator through the broker and runs the share of a run it is
/// given, against the targets it allows only. Runs until stopped (Ctrl+C, SIGTERM); exit 0 then,
/// 2 on a bad setting, 3 when the broker cannot be reached at start.
/// </summary>
internal static class AgentCommand
{
    public const int BrokerUnavailable = 3;

    public const string Usage = "usage: dotnet run --project server/Dashboard.Server -- agent --nats nats://HOST:4222 [--name NAME] [--allow http://HOST:PORT] [--set KEY=VALUE]";

    public static async Task<int> RunAsync(AgentRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!request.Verbose)
        {
            overrides["Logging:LogLevel:Default"] = "Warning";
            overrides["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
            // A failed start is said once, by this command, not also by the host and the client library.
            overrides["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None";
            overrides["Logging:LogLevel:NATS"] = "None";
        }

        foreach (var setting in request.Settings)
        {
            var split = setting.Split('=', 2);
            if (split.Length != 2 || split[0].Length == 0)
            {
                await stderr.WriteLineAsync($"error: --set {setting}: expected KEY=VALUE, e.g. --set Distributed:Token=secret");
                return CommandLineEntry.InvalidInput;
            }

            overrides[split[0]] = split[1];
        }

        if (request.Nats is not null)
        {
            overrides[$"{DistributedOptions.SectionName}:{nameof(DistributedOptions.Nats)}"] = request.Nats;
        }

        if (request.Name is not null)
        {
            overrides[$"{AgentOptions.SectionName}:{nameof(AgentOptions.Name)}"] = request.Name;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(overrides);
        if (request.Allow.Count > 0)
        {
            // After the configured origins, so --allow adds to them.
            var configured = builder.Configuration.GetSection("LoadEngine:AllowedTargetOrigins").GetChildren().Count();
            builder.Configuration.AddInMemoryCollection(request.Allow.Select((origin, i) =>
                new KeyValuePair<string, string?>($"LoadEngine:AllowedTargetOrigins:{configured + i}", origin)));
        }

        if (request.Verbose)
        {
            ConsoleLogging.MakeVerbose(builder.Configuration);
        }

        AddAgentServices(builder.Services, builder.Configuration);
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await stderr.WriteLineAsync($"error: {failure}");
            }

            await stderr.WriteLineAsync(Usage);
            return CommandLineEntry.InvalidInput;
        }
        catch (BrokerUnavailableException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return BrokerUnavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CommandLineEntry.Passed;
        }

        var link = host.Services.GetRequiredService<AgentLink>();
        var announcement = link.Announcement;
        await stdout.WriteLineAsync($"agent {announcement.Name} joined the NATS broker at {link.Broker}: {announcement.Cores} cores, targets allowed: {string.Join(", ", announcement.AllowedTargets)}");
        await stdout.WriteLineAsync("Ctrl+C to stop.");
        try
        {
            await host.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await host.StopAsync(CancellationToken.None);
        await stdout.WriteLineAsync($"agent {announcement.Name} stopped.");
        return CommandLineEntry.Passed;
    }

    /// <summary>The agent's services: its options, its engine's limits and its link to the broker.</summary>
    public static void AddAgentServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DistributedOptions>(configuration, DistributedOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<AgentOptions>(configuration, AgentOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<LoadEngineOptions>(configuration, "LoadEngine", o =>
        {
            try
            {
                o.Validate();
                return [];
            }
            catch (ArgumentException ex)
            {
                return [$"LoadEngine: {ex.Message}"];
            }
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(RunEnvironment.Current);
        services.AddSingleton<AgentLink>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentLink>());
        // After the link: it subscribes on the link's connection.
        services.AddSingleton<AgentShareRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentShareRunner>());
    }
}
