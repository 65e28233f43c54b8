using System.Net;
using System.Net.Sockets;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Engine;

/// <summary>
/// Starts load runs. One engine per process is enough; it holds only the options and a validator.
/// </summary>
/// <remarks>
/// The HTTP client is the engine's own: a fixed set of keep-alive HTTP/1.1 connections over raw
/// sockets with one request in flight each, requests encoded once per kind, responses parsed in
/// place and bodies skipped. HttpClient would add per-request allocations (messages, headers,
/// content), its own connection-pool queueing that cannot be measured as part of corrected
/// latency, and no control over how many connections carry the load — which matters both for
/// honest numbers (the open model queues for a free connection, and that wait is latency) and
/// for keeping up with wrk on a two-core machine.
/// </remarks>
public sealed class LoadEngine
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an engine with the given limits (defaults when null).</summary>
    /// <param name="options">Limits and addresses.</param>
    /// <param name="timeProvider">Wall clock for the runs' start times (intervals and latencies
    /// use the monotonic Stopwatch, which a fake clock could not drive anyway).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public LoadEngine(LoadEngineOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? new LoadEngineOptions();
        Validator = new ScenarioValidator(Options);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public LoadEngineOptions Options { get; }

    /// <summary>The validator with this engine's limits, for checking a scenario without running it.</summary>
    public ScenarioValidator Validator { get; }

    /// <summary>Validates and starts a scenario. Returns once the connections are open and the
    /// first phase has begun.</summary>
    /// <exception cref="ScenarioValidationException">The scenario is invalid; every problem is listed.</exception>
    /// <exception cref="InvalidOperationException">The target's host name does not resolve.</exception>
    public Task<LoadRun> StartAsync(ScenarioDefinition scenario, LoadRunOptions? runOptions = null, CancellationToken cancellationToken = default) =>
        StartAsync(Validator.Validate(scenario), runOptions, cancellationToken);

    /// <summary>Starts a scenario already validated by <see cref="Validator"/> (for example from
    /// <see cref="ScenarioValidator.Parse"/> on a request body).</summary>
    /// <exception cref="ScenarioValidationException">The result holds errors.</exception>
    /// <exception cref="InvalidOperationException">The target's host name does not resolve.</exception>
    public async Task<LoadRun> StartAsync(ScenarioValidationResult validated, LoadRunOptions? runOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validated);
        if (!validated.IsValid || validated.Plan is null || validated.Scenario is null)
        {
            throw new ScenarioValidationException(validated.Errors);
        }

        LoadPlan plan = validated.Plan;
        EndPoint endPoint = await ResolveAsync(plan.Origin, cancellationToken).ConfigureAwait(false);
        var run = new LoadRun(validated.Scenario, plan, Options, runOptions ?? new LoadRunOptions(), endPoint, _timeProvider);
        await run.StartAsync(cancellationToken).ConfigureAwait(false);
        return run;
    }

    private static async Task<EndPoint> ResolveAsync(Uri origin, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(origin.IdnHost.Trim('[', ']'), out IPAddress? address))
        {
            return new IPEndPoint(address, origin.Port);
        }

        try
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(origin.IdnHost, cancellationToken).ConfigureAwait(false);
            IPAddress? chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return chosen is null
                ? throw new InvalidOperationException($"The host \"{origin.IdnHost}\" has no address.")
                : new IPEndPoint(chosen, origin.Port);
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"The host \"{origin.IdnHost}\" does not resolve: {ex.Message}", ex);
        }
    }
}
