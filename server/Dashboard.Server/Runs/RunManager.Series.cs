using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Engine;
using Dashboard.Load.Scenarios;

namespace Dashboard.Server.Runs;

/// <summary>
/// A scenario with <c>designs</c>: the same load against each design's workload and loops, one run
/// after another. Every run carries the series (<see cref="RunSeriesMember"/>), so the comparison is
/// rebuilt from the runs themselves, stored ones included.
/// </summary>
internal sealed partial class RunManager
{
    private readonly HashSet<string> _seriesGoing = new(StringComparer.Ordinal); // under _gate; one per series going, few

    /// <summary>Whether the series still has a design running or about to start.</summary>
    public bool IsSeriesGoing(string seriesId)
    {
        lock (_gate)
        {
            return _seriesGoing.Contains(seriesId);
        }
    }

    private async Task<ManagedRun> StartSeriesAsync(ScenarioDefinition scenario, CancellationToken cancellationToken)
    {
        var seriesId = "series-" + NewRunId();
        var first = await StartDesignAsync(scenario, seriesId, 0, cancellationToken);
        lock (_gate)
        {
            _seriesGoing.Add(seriesId);
        }

        _ = FollowSeriesAsync(scenario, seriesId, first);
        return first;
    }

    private Task<ManagedRun> StartDesignAsync(ScenarioDefinition scenario, string seriesId, int index, CancellationToken cancellationToken)
    {
        var designs = scenario.Designs!;
        var validated = Engine.Validator.Validate(DesignVariants.For(scenario, index));
        if (!validated.IsValid)
        {
            throw new ScenarioValidationException(validated.Errors);
        }

        var member = new RunSeriesMember
        {
            Id = seriesId,
            Scenario = scenario.Name,
            Design = designs[index].Name,
            Index = index,
            Designs = [.. designs.Select(d => d.Name)],
        };
        return StartOneAsync(validated, member, cancellationToken);
    }

    /// <summary>
    /// Starts each design once the one before has ended. A run that was stopped (by a person, or by
    /// the host shutting down) stops the series; one that failed its thresholds does not, since
    /// the comparison is what the series is for.
    /// </summary>
    private async Task FollowSeriesAsync(ScenarioDefinition scenario, string seriesId, ManagedRun first)
    {
        try
        {
            await FollowAsync(scenario, seriesId, first).ConfigureAwait(false);
            await LastOf(seriesId).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _seriesGoing.Remove(seriesId);
            }
        }
    }

    /// <summary>The run of the design after <paramref name="run"/>'s once it starts; null when there is none (the series ended or was stopped).</summary>
    public async Task<ManagedRun?> NextInSeriesAsync(ManagedRun run)
    {
        if (run.Series is not { } series)
        {
            return null;
        }

        while (true)
        {
            var going = IsSeriesGoing(series.Id);
            lock (_gate)
            {
                if (_runs.FirstOrDefault(r => r.Series?.Id == series.Id && r.Series.Index == series.Index + 1) is { } next)
                {
                    return next;
                }
            }

            if (!going)
            {
                return null;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>The series' last run's end (the series goes on until it has ended).</summary>
    private Task LastOf(string seriesId)
    {
        lock (_gate)
        {
            return _runs.LastOrDefault(r => r.Series?.Id == seriesId)?.Ended ?? Task.CompletedTask;
        }
    }

    private async Task FollowAsync(ScenarioDefinition scenario, string seriesId, ManagedRun first)
    {
        var run = first;
        for (var index = 1; index < scenario.Designs!.Count; index++)
        {
            var ended = await run.Ended.ConfigureAwait(false);
            if (ended.Status is RunStatus.Stopped or RunStatus.Interrupted)
            {
                LogSeriesStopped(logger, seriesId, scenario.Designs[index].Name, $"run {ended.Id} was {ended.Status.ToString().ToLowerInvariant()}");
                return;
            }

            try
            {
                run = await StartDesignAsync(scenario, seriesId, index, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Capacity taken by another run, the host stopping, a catalog changed meanwhile: the
                // series ends here, said in the log; the runs that ran stay comparable.
                LogSeriesStopped(logger, seriesId, scenario.Designs[index].Name, ex.Message);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Design series {SeriesId} stopped before design '{Design}': {Reason}")]
    private static partial void LogSeriesStopped(ILogger logger, string seriesId, string design, string reason);
}
