using System.Text.Json;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Load.Scenarios;

/// <summary>
/// Checks a scenario against the JSON shape and the engine's limits and reports <b>every</b>
/// problem with its JSON path, for example
/// <c>phases[1].inject.rate: expected a number &gt; 0, got -5</c>. Prefer <see cref="Parse"/> on
/// the raw text (a request body, a file): only the text still shows unknown fields and values of
/// the wrong type. <see cref="Validate"/> checks an already typed scenario the same way.
/// </summary>
public sealed partial class ScenarioValidator
{
    private const int MaxNameChars = 100;
    private const int MaxDescriptionChars = 4_000;

    private static readonly string[] ScenarioFields =
    [
        "name", "description", "target", "method", "requests", "phases", "connections", "requestTimeout",
        "maxInFlight", "arrivals", "seed", "thresholds", "interval", "warmUp", "loops", "designs",
        "agents", "agentSplit", "onAgentLost",
    ];

    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    private readonly LoadEngineOptions _options;

    /// <summary>Creates a validator for the given limits (defaults when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public ScenarioValidator(LoadEngineOptions? options = null)
    {
        _options = options ?? new LoadEngineOptions();
        _options.Validate();
    }

    /// <summary>Reads and checks a scenario from its JSON text. Malformed JSON is reported with its
    /// line and position; otherwise every problem is listed with its path.</summary>
    public ScenarioValidationResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > _options.MaxScenarioChars)
        {
            return Failure("$", $"the scenario is {json.Length} characters long; at most {_options.MaxScenarioChars}{JsonObjectReader.LimitNote(nameof(LoadEngineOptions.MaxScenarioChars))}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Failure("$", $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }

        using (document)
        {
            return Check(document.RootElement);
        }
    }

    /// <summary>Checks a typed scenario (built in code or deserialized elsewhere).</summary>
    public ScenarioValidationResult Validate(ScenarioDefinition scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        JsonElement element = JsonSerializer.SerializeToElement(scenario, ScenarioJson.Options);
        return Check(element);
    }

    private ScenarioValidationResult Check(JsonElement root)
    {
        var errors = new ValidationErrors(_options.MaxReportedErrors);
        if (!JsonObjectReader.TryOpen(root, "", errors, out JsonObjectReader reader))
        {
            return new ScenarioValidationResult(null, errors.ToList(), null);
        }

        reader.RejectUnknown(ScenarioFields);
        reader.String("name", required: true, MaxNameChars, "a non-empty name");
        reader.String("description", required: false, MaxDescriptionChars);

        int connections = reader.Integer(
            "connections", required: false, 1, _options.MaxConnections, nameof(LoadEngineOptions.MaxConnections))
            ?? ScenarioDefaults.Connections;
        reader.Duration(
            "requestTimeout", required: false, TimeSpan.Zero, minExclusive: true, _options.MaxRequestTimeout, nameof(LoadEngineOptions.MaxRequestTimeout));
        reader.Integer("maxInFlight", required: false, 1, _options.MaxInFlightLimit, nameof(LoadEngineOptions.MaxInFlightLimit));
        reader.Integer("seed", required: false, int.MinValue, int.MaxValue, null);
        TimeSpan? interval = reader.Duration("interval", required: false, _options.MinInterval, minExclusive: false, _options.MaxInterval, nameof(LoadEngineOptions.MaxInterval));
        string? arrivals = reader.String("arrivals", required: false, 20);
        if (arrivals is not null and not ArrivalModes.Even and not ArrivalModes.Poisson)
        {
            reader.Error("arrivals", $"expected \"{ArrivalModes.Even}\" or \"{ArrivalModes.Poisson}\", got \"{arrivals}\"");
        }

        bool designs = reader.Has("designs");
        TargetKind targetKind = designs ? CheckDesigns(reader, errors) : CheckTarget(reader, errors);
        if (!designs)
        {
            CheckLoops(reader, targetKind);
            CheckMethod(reader, "method", targetKind == TargetKind.Inline);
            CheckRequests(reader, errors, targetKind);
        }

        TimeSpan? phasesTotal = CheckPhases(reader, errors, connections, interval ?? (DurationText.TryParse(ScenarioDefaults.Interval, out TimeSpan fallback) ? fallback : TimeSpan.Zero));
        CheckWarmUp(reader, phasesTotal);
        CheckThresholds(reader, errors);
        CheckAgents(reader, designs, HasSweep(reader));

        if (errors.Count > 0)
        {
            return new ScenarioValidationResult(null, errors.ToList(), null);
        }

        ScenarioDefinition scenario = root.Deserialize<ScenarioDefinition>(ScenarioJson.Options)
            ?? throw new InvalidOperationException("A validated scenario did not deserialize.");
        // A series of designs: the plan is its first run's (each design runs the same phases).
        LoadPlan plan = LoadPlanBuilder.Build(scenario.Designs is { Count: > 0 } ? DesignVariants.For(scenario, 0) : scenario, _options);
        return new ScenarioValidationResult(scenario, [], plan);
    }

    private static bool HasSweep(JsonObjectReader reader) =>
        reader.TryGet("phases", out JsonElement phases)
        && phases.ValueKind == JsonValueKind.Array
        && phases.EnumerateArray().Any(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("sweep", out _));

    /// <summary>Loops exist on the embedded loop server only, at most one per core.</summary>
    private static void CheckLoops(JsonObjectReader reader, TargetKind targetKind)
    {
        int? loops = reader.Integer("loops", required: false, 1, Environment.ProcessorCount, null);
        if (loops is not null && targetKind == TargetKind.Url)
        {
            reader.Error("loops", "applies only to the embedded loop server (a workload or inline target); a url target is served by its own server");
        }
    }

    /// <summary>The warm-up replays the phases from their start, so it can be no longer than they are.</summary>
    private void CheckWarmUp(JsonObjectReader reader, TimeSpan? phasesTotal)
    {
        TimeSpan? warmUp = reader.Duration("warmUp", required: false, TimeSpan.Zero, minExclusive: false, _options.MaxWarmUp, nameof(LoadEngineOptions.MaxWarmUp));
        if (warmUp is { } given && phasesTotal is { } total && given > total)
        {
            reader.Error("warmUp", $"expected at most the phases' total duration ({DurationText.Format(total)}): the warm-up plays the phases from their start, got \"{DurationText.Format(given)}\"");
        }
    }

    private static void CheckMethod(JsonObjectReader reader, string name, bool inlineTarget)
    {
        string? method = reader.String(name, required: false, 10);
        if (method is null)
        {
            return;
        }

        if (Array.IndexOf(Methods, method) < 0)
        {
            reader.Error(name, $"expected one of {string.Join(", ", Methods)}, got \"{method}\"");
        }
        else if (inlineTarget && method != "POST")
        {
            reader.Error(name, $"an inline workload is posted to /w, so the method must be POST, got \"{method}\"");
        }
    }

    private static ScenarioValidationResult Failure(string path, string message) =>
        new(null, [new ScenarioError(path, message)], null);

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }
}
