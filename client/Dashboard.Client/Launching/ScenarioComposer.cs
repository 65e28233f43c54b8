using System.Globalization;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Client.Launching;

/// <summary>
/// Applies the launch form's changes to a scenario. A new rate scales every open-model phase so
/// the peak becomes that rate, new users every closed-model phase likewise; a new duration scales
/// every phase so they add up to it: the scenario keeps its shape (a ramp stays a ramp). Only the
/// form's own input is checked here (is it a number?); the composed scenario is validated by the
/// server like any other.
/// </summary>
internal static class ScenarioComposer
{
    /// <summary>The composed scenario's JSON, or the problems with the form's fields (keyed by <see cref="LaunchField"/>).</summary>
    public static (string? Json, IReadOnlyList<FieldError> Errors) Compose(ScenarioSummary scenario, LaunchForm form)
    {
        var errors = new List<FieldError>();
        var rate = ReadNumber(errors, LaunchField.Rate, form.Rate, "requests per second");
        var users = ReadWholeNumber(errors, LaunchField.Users, form.Users);
        var duration = ReadNumber(errors, LaunchField.Duration, form.Duration, "seconds");
        var connections = ReadWholeNumber(errors, LaunchField.Connections, form.Connections);
        var targetUrl = string.IsNullOrWhiteSpace(form.TargetUrl) ? null : form.TargetUrl.Trim();
        var agents = ReadAgents(errors, form.Agents);

        var phases = scenario.Definition.Phases ?? [];
        if (phases.Count != scenario.Shape.Count)
        {
            // The shape comes from the same validated scenario; a mismatch means the catalog changed under us.
            errors.Add(new FieldError(LaunchField.Scenario, $"the scenario '{scenario.Name}' changed; reload the page"));
        }

        var peakRate = scenario.PeakRate;
        if (rate is not null && peakRate <= 0)
        {
            errors.Add(new FieldError(LaunchField.Rate, "this scenario has no inject phase to set a rate for; set its users instead"));
        }

        var peakUsers = scenario.PeakUsers;
        if (users is not null && peakUsers <= 0)
        {
            errors.Add(new FieldError(LaunchField.Users, "this scenario has no keepConstant or rampingConstant phase to set users for; set its rate instead"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var rateFactor = rate is { } r && peakRate > 0 ? r / peakRate : 1;
        var usersFactor = users is { } u && peakUsers > 0 ? (double)u / peakUsers : 1;
        var durationFactor = duration is { } d && scenario.TotalSeconds > 0 ? d / scenario.TotalSeconds : 1;
        var composed = scenario.Definition with
        {
            Phases = phases.Select((phase, i) => Scale(phase, scenario.Shape[i].DurationSeconds * durationFactor, duration is not null, rateFactor, usersFactor)).ToArray(),
            Connections = connections ?? scenario.Definition.Connections,
            Target = targetUrl is null ? scenario.Definition.Target : new ScenarioTarget { Url = targetUrl },
            Agents = agents ?? scenario.Definition.Agents,
        };
        return (ScenarioJson.Serialize(composed), []);
    }

    private static LoadSimulation Scale(LoadSimulation phase, double seconds, bool newDuration, double rateFactor, double usersFactor)
    {
        string During(string original) => newDuration ? DurationText(seconds) : original;
        double Rate(double original) => Math.Round(original * rateFactor, 3);

        // The peak phase gets exactly the users asked for; others keep at least one user if they had
        // any. Zero or fewer asked go through as such, for the server's validation to name.
        int Users(int original)
        {
            var scaled = (int)Math.Round(original * usersFactor, MidpointRounding.AwayFromZero);
            return original > 0 && usersFactor > 0 ? Math.Max(1, scaled) : scaled;
        }

        return phase switch
        {
            { Inject: { } inject } => phase with { Inject = inject with { Rate = Rate(inject.Rate), During = During(inject.During) } },
            { RampingInject: { } ramp } => phase with { RampingInject = ramp with { Rate = Rate(ramp.Rate), During = During(ramp.During) } },
            { KeepConstant: { } users } => phase with { KeepConstant = users with { Copies = Users(users.Copies), During = During(users.During) } },
            { RampingConstant: { } users } => phase with { RampingConstant = users with { Copies = Users(users.Copies), During = During(users.During) } },
            { Pause: { } pause } => phase with { Pause = During(pause) },
            { Sweep: { } sweep } => phase with
            {
                // The steps keep their number: rates scale together, the new duration is shared out as each step's hold.
                Sweep = sweep with
                {
                    From = Rate(sweep.From),
                    Step = Rate(sweep.Step),
                    To = Rate(sweep.To),
                    Hold = newDuration ? DurationText(seconds / SweepSteps(sweep)) : sweep.Hold,
                },
            },
            _ => phase,
        };
    }

    /// <summary>How many steps a sweep makes (as the server counts them: from, from + step, … up to to).</summary>
    private static int SweepSteps(SweepSimulation sweep) =>
        sweep.Step <= 0 || sweep.To < sweep.From ? 1 : (int)Math.Floor(((sweep.To - sweep.From) / sweep.Step) + 1e-9) + 1;

    /// <summary>Whole seconds as "30s", anything else in milliseconds (never 0: the server would refuse an empty phase).</summary>
    internal static string DurationText(double seconds)
    {
        var ms = Math.Max(1, Math.Round(seconds * 1000, MidpointRounding.AwayFromZero));
        return ms % 1000 == 0
            ? (ms / 1000).ToString("0", CultureInfo.InvariantCulture) + "s"
            : ms.ToString("0", CultureInfo.InvariantCulture) + "ms";
    }

    private static double? ReadNumber(List<FieldError> errors, string field, string? text, string unit)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(new FieldError(field, $"expected a number of {unit}, got '{text.Trim()}'"));
            return null;
        }

        if (value <= 0)
        {
            errors.Add(new FieldError(field, $"expected more than 0 {unit}, got {text.Trim()}"));
            return null;
        }

        return value;
    }

    /// <summary>A number of agents or "all"; the server judges the number (and whether that many are live).</summary>
    private static AgentSelection? ReadAgents(List<FieldError> errors, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (string.Equals(trimmed, AgentSelection.AllWord, StringComparison.OrdinalIgnoreCase))
        {
            return AgentSelection.All;
        }

        if (!int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
        {
            errors.Add(new FieldError(LaunchField.Agents, $"expected a number of agents or \"{AgentSelection.AllWord}\", got '{trimmed}'"));
            return null;
        }

        return AgentSelection.Of(count);
    }

    private static int? ReadWholeNumber(List<FieldError> errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new FieldError(field, $"expected a whole number, got '{text.Trim()}'"));
            return null;
        }

        // Zero and negatives go to the server's validation, which knows the limits.
        return value;
    }
}
