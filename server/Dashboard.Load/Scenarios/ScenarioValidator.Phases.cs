using System.Text.Json;
using Dashboard.Load.Thresholds;

namespace Dashboard.Load.Scenarios;

public sealed partial class ScenarioValidator
{
    private static readonly string[] PhaseKinds = ["inject", "rampingInject", "keepConstant", "rampingConstant", "pause", "sweep"];
    private static readonly string[] InjectFields = ["rate", "during"];
    private static readonly string[] ConstantFields = ["copies", "during", "think"];
    private static readonly string[] ThresholdFields = ["expression", "abortOnFail"];

    /// <summary>Checks the phases; returns their total duration when every one is valid.</summary>
    private TimeSpan? CheckPhases(JsonObjectReader scenario, ValidationErrors errors, int connections, TimeSpan interval)
    {
        const string Expectation = "an array of load simulations such as [{ \"inject\": { \"rate\": 100, \"during\": \"30s\" } }]";
        if (!scenario.TryGet("phases", out JsonElement list))
        {
            scenario.Missing("phases", Expectation);
            return null;
        }

        string path = scenario.PathOf("phases");
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"expected {Expectation}, got {JsonObjectReader.Describe(list)}");
            return null;
        }

        int count = list.GetArrayLength();
        if (count == 0)
        {
            errors.Add(path, $"expected at least one phase: {Expectation}");
            return null;
        }

        if (count > _options.MaxPhases)
        {
            errors.Add(path, $"expected at most {_options.MaxPhases} phases{JsonObjectReader.LimitNote(nameof(LoadEngineOptions.MaxPhases))}, got {count}");
            return null;
        }

        TimeSpan total = TimeSpan.Zero;
        bool totalKnown = true;
        int index = 0;
        string? firstSweep = null;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string itemPath = JsonObjectReader.Index(path, index++);
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("sweep", out _))
            {
                if (firstSweep is not null)
                {
                    errors.Add(JsonObjectReader.Join(itemPath, "sweep"), $"expected at most one sweep per scenario; the first is {firstSweep}");
                }

                firstSweep ??= JsonObjectReader.Join(itemPath, "sweep");
            }

            TimeSpan? during = CheckPhase(item, itemPath, errors, connections, interval);
            if (during is null)
            {
                totalKnown = false;
            }
            else
            {
                total += during.Value;
            }
        }

        if (totalKnown && total > _options.MaxTotalDuration)
        {
            errors.Add(path, $"the phases last {DurationText.Format(total)} in all; at most {DurationText.Format(_options.MaxTotalDuration)}{JsonObjectReader.LimitNote(nameof(LoadEngineOptions.MaxTotalDuration))}");
        }

        return totalKnown ? total : null;
    }

    /// <summary>Checks one phase and returns its duration when it is valid.</summary>
    private TimeSpan? CheckPhase(JsonElement item, string path, ValidationErrors errors, int connections, TimeSpan interval)
    {
        if (!JsonObjectReader.TryOpen(item, path, errors, out JsonObjectReader phase))
        {
            return null;
        }

        phase.RejectUnknown(PhaseKinds);
        string[] given = PhaseKinds.Where(phase.Has).ToArray();
        if (given.Length != 1)
        {
            string got = given.Length == 0 ? "none" : string.Join(" and ", given);
            errors.Add(path, $"expected exactly one of {string.Join(", ", PhaseKinds)}; got {got}");
            return null;
        }

        string kind = given[0];
        phase.TryGet(kind, out JsonElement settings);
        string settingsPath = phase.PathOf(kind);
        if (kind == "pause")
        {
            return JsonObjectReader.ParseDuration(
                settings, settingsPath, TimeSpan.Zero, minExclusive: true, _options.MaxTotalDuration, nameof(LoadEngineOptions.MaxTotalDuration), errors);
        }

        if (!JsonObjectReader.TryOpen(settings, settingsPath, errors, out JsonObjectReader body))
        {
            return null;
        }

        if (kind == "sweep")
        {
            return CheckSweep(body, interval);
        }

        TimeSpan? during;
        bool valid;
        if (kind is "inject" or "rampingInject")
        {
            body.RejectUnknown(InjectFields);
            // A ramp may end at 0 (ramping down); a constant rate of 0 is a pause.
            bool ramp = kind == "rampingInject";
            valid = body.Number("rate", required: true, 0, minExclusive: !ramp, _options.MaxRate, nameof(LoadEngineOptions.MaxRate)) is not null;
            during = body.Duration("during", required: true, TimeSpan.Zero, minExclusive: true, _options.MaxTotalDuration, nameof(LoadEngineOptions.MaxTotalDuration));
        }
        else
        {
            body.RejectUnknown(ConstantFields);
            int minCopies = kind == "keepConstant" ? 1 : 0;
            int? copies = body.Integer("copies", required: true, minCopies, _options.MaxCopies, nameof(LoadEngineOptions.MaxCopies));
            if (copies > connections)
            {
                body.Error("copies", $"{copies} virtual users need {copies} connections but \"connections\" is {connections}; set \"connections\" to at least {copies}");
                copies = null;
            }

            valid = copies is not null;
            during = body.Duration("during", required: true, TimeSpan.Zero, minExclusive: true, _options.MaxTotalDuration, nameof(LoadEngineOptions.MaxTotalDuration));
            valid &= body.Duration("think", required: false, TimeSpan.Zero, minExclusive: false, _options.MaxThinkTime, nameof(LoadEngineOptions.MaxThinkTime)) is not null
                || !body.Has("think");
        }

        return valid ? during : null;
    }

    private void CheckThresholds(JsonObjectReader scenario, ValidationErrors errors)
    {
        if (!scenario.TryGet("thresholds", out JsonElement list))
        {
            return;
        }

        string path = scenario.PathOf("thresholds");
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"expected an array of threshold expressions such as [{ThresholdExpression.Example}], got {JsonObjectReader.Describe(list)}");
            return;
        }

        if (list.GetArrayLength() > _options.MaxThresholds)
        {
            errors.Add(path, $"expected at most {_options.MaxThresholds} thresholds{JsonObjectReader.LimitNote(nameof(LoadEngineOptions.MaxThresholds))}, got {list.GetArrayLength()}");
            return;
        }

        int index = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string itemPath = JsonObjectReader.Index(path, index++);
            string? text;
            string expressionPath = itemPath;
            if (item.ValueKind == JsonValueKind.String)
            {
                text = item.GetString();
            }
            else if (item.ValueKind == JsonValueKind.Object && JsonObjectReader.TryOpen(item, itemPath, errors, out JsonObjectReader threshold))
            {
                threshold.RejectUnknown(ThresholdFields);
                threshold.Boolean("abortOnFail");
                text = threshold.String("expression", required: true, 200, $"an expression such as {ThresholdExpression.Example}");
                expressionPath = threshold.PathOf("expression");
            }
            else
            {
                errors.Add(itemPath, $"expected an expression such as {ThresholdExpression.Example} or {{ \"expression\": ..., \"abortOnFail\": true }}, got {JsonObjectReader.Describe(item)}");
                continue;
            }

            if (text is not null && !ThresholdExpression.TryParse(text, abortOnFail: false, out _, out string? error))
            {
                errors.Add(expressionPath, error!);
            }
        }
    }
}
