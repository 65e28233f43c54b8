using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Server.Distributed;

/// <summary>
/// Splits a scenario across agents: each gets the same phases with its share of every
/// open-model rate (exactly, rates are real numbers), of every closed-model user count and of the
/// connections (whole numbers, by largest remainder, so the shares add up to the total), in
/// proportion to its weight (its cores, or one each). A ramp stays a ramp: each agent ramps from
/// its share of the previous phase to its share of this one, so the sum ramps as asked.
/// Thresholds stay with the coordinator, which judges the merged run.
/// </summary>
internal static class ShareSplit
{
    /// <summary>Each agent's weight: its cores ("capacity"), or one each ("even").</summary>
    public static double[] Weights(IReadOnlyList<int> cores, string? mode) =>
        mode == AgentSplitModes.Even ? cores.Select(_ => 1.0).ToArray() : cores.Select(c => (double)Math.Max(1, c)).ToArray();

    /// <summary>
    /// The agents' scenarios, in the order of <paramref name="weights"/>; or the problems (a field
    /// path and what was expected) when the scenario cannot be split that way, e.g. fewer users
    /// than agents.
    /// </summary>
    public static (IReadOnlyList<ScenarioDefinition> Shares, IReadOnlyList<FieldError> Errors) Split(ScenarioDefinition scenario, IReadOnlyList<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfZero(weights.Count);
        if (weights.Any(w => !(w > 0) || !double.IsFinite(w)))
        {
            throw new ArgumentOutOfRangeException(nameof(weights), "expected positive weights");
        }

        var total = weights.Sum();
        var fractions = weights.Select(w => w / total).ToArray();
        var agents = weights.Count;
        var errors = new List<FieldError>();
        var phases = scenario.Phases ?? [];
        var phaseShares = new LoadSimulation[agents][];
        for (var a = 0; a < agents; a++)
        {
            phaseShares[a] = new LoadSimulation[phases.Count];
        }

        var mostUsers = new int[agents];
        for (var p = 0; p < phases.Count; p++)
        {
            var phase = phases[p];
            if (phase.Inject is { } inject)
            {
                Each(a => phase with { Inject = inject with { Rate = inject.Rate * fractions[a] } });
            }
            else if (phase.RampingInject is { } ramp)
            {
                Each(a => phase with { RampingInject = ramp with { Rate = ramp.Rate * fractions[a] } });
            }
            else if (phase.KeepConstant is { } constant)
            {
                var users = Apportion(constant.Copies, fractions);
                if (users.Any(u => u == 0))
                {
                    errors.Add(new FieldError(
                        $"phases[{p}].keepConstant.copies",
                        $"{constant.Copies} virtual users cannot be split across {agents} agents, each needs at least one: ask for at least {agents} users, or fewer agents"));
                }

                Each(a => phase with { KeepConstant = constant with { Copies = users[a] } });
                Most(users);
            }
            else if (phase.RampingConstant is { } rampUsers)
            {
                var users = Apportion(rampUsers.Copies, fractions);
                Each(a => phase with { RampingConstant = rampUsers with { Copies = users[a] } });
                Most(users);
            }
            else if (phase.Sweep is not null)
            {
                errors.Add(new FieldError($"phases[{p}].sweep", "a sweep steps its rate by what this dashboard's loop shows, so it cannot run on agents"));
            }
            else
            {
                Each(_ => phase);
            }

            void Each(Func<int, LoadSimulation> share)
            {
                for (var a = 0; a < agents; a++)
                {
                    phaseShares[a][p] = share(a);
                }
            }
        }

        if (errors.Count > 0)
        {
            return ([], errors);
        }

        var connections = Apportion(scenario.Connections ?? ScenarioDefaults.Connections, fractions);
        var shares = new ScenarioDefinition[agents];
        for (var a = 0; a < agents; a++)
        {
            shares[a] = scenario with
            {
                Phases = phaseShares[a],
                // Each user holds a connection; with few connections an agent may need more than its share.
                Connections = Math.Max(1, Math.Max(connections[a], mostUsers[a])),
                MaxInFlight = scenario.MaxInFlight is { } inFlight ? Math.Max(1, (int)Math.Ceiling(inFlight * fractions[a])) : null,
                // Different Poisson arrivals and mixes per agent, still repeatable with a seed.
                Seed = scenario.Seed is { } seed ? unchecked(seed + a) : null,
                Thresholds = null,
                Agents = null,
                AgentSplit = null,
                OnAgentLost = null,
            };
        }

        return (shares, []);

        void Most(int[] users)
        {
            for (var a = 0; a < agents; a++)
            {
                mostUsers[a] = Math.Max(mostUsers[a], users[a]);
            }
        }
    }

    /// <summary>
    /// <paramref name="total"/> in whole parts by <paramref name="fractions"/> (which add up to 1):
    /// each part rounded down, then the rest one each to the largest remainders (the earlier agent
    /// on a tie). The parts add up to the total.
    /// </summary>
    public static int[] Apportion(int total, IReadOnlyList<double> fractions)
    {
        var parts = new int[fractions.Count];
        var remainders = new (double Remainder, int Index)[fractions.Count];
        var given = 0;
        for (var i = 0; i < fractions.Count; i++)
        {
            var exact = total * fractions[i];
            parts[i] = (int)Math.Floor(exact + 1e-9);
            remainders[i] = (exact - parts[i], i);
            given += parts[i];
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(Math.Max(0, total - given)))
        {
            parts[index]++;
        }

        return parts;
    }
}
