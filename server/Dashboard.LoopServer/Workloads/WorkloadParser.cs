using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.LoopServer.Workloads.Durations;

namespace Dashboard.LoopServer.Workloads;

/// <summary>
/// Reads a workload document by walking the JSON tree by hand, so that every problem is reported
/// with the path of the bad field (<c>steps[2].gather[0][1].cpu</c>) and all problems at once,
/// not only the first. One instance per document; not thread-safe.
/// </summary>
/// <remarks>
/// The format:
/// <code>
/// { "name": "mixed", "description": "one line", "seed": 42,
///   "steps": [ {"cpu": "5ms"}, {"sleep": {"exponential": "20ms"}},
///              {"gather": [[{"sleep": "10ms"}], [{"json": 20000}]]} ] }
/// </code>
/// Comments and trailing commas are accepted, so catalog files can explain themselves.
/// </remarks>
internal sealed partial class WorkloadParser
{
    private const string TopLevelFields = "name, description, seed, steps";

    private readonly WorkloadLimits _limits;
    private readonly List<WorkloadError> _errors = [];
    private int _suppressedErrors;
    private int _stepCount;
    private int _childTasks;

    private WorkloadParser(WorkloadLimits limits)
    {
        _limits = limits;
    }

    /// <summary>Parses and validates a workload document.</summary>
    public static WorkloadParseResult Parse(string json, WorkloadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= WorkloadLimits.Default;
        int bytes = Encoding.UTF8.GetByteCount(json);
        return bytes > limits.MaxDocumentBytes
            ? TooLarge(bytes, limits)
            : ParseDocument(Encoding.UTF8.GetBytes(json), limits);
    }

    /// <summary>Parses and validates a workload document given as UTF-8.</summary>
    public static WorkloadParseResult Parse(ReadOnlyMemory<byte> utf8Json, WorkloadLimits? limits = null)
    {
        limits ??= WorkloadLimits.Default;
        return utf8Json.Length > limits.MaxDocumentBytes
            ? TooLarge(utf8Json.Length, limits)
            : ParseDocument(utf8Json, limits);
    }

    /// <summary>
    /// Validates a workload that is part of a larger document (for example a scenario that defines
    /// its workload inline). Paths are relative to <paramref name="root"/>.
    /// </summary>
    public static WorkloadParseResult Parse(JsonElement root, WorkloadLimits? limits = null)
    {
        var parser = new WorkloadParser(limits ?? WorkloadLimits.Default);
        return parser.ParseRoot(root);
    }

    private static WorkloadParseResult TooLarge(int bytes, WorkloadLimits limits) =>
        WorkloadParseResult.Failed(
            [new WorkloadError("", $"the document is {bytes} bytes, over the limit of {limits.MaxDocumentBytes}")]);

    private static WorkloadParseResult ParseDocument(ReadOnlyMemory<byte> utf8Json, WorkloadLimits limits)
    {
        var options = new JsonDocumentOptions
        {
            // Three JSON levels per step level (a gather is an object, a list of lists), plus room
            // for the document, distributions and the first over-deep list we want to name.
            MaxDepth = (3 * limits.MaxNestingDepth) + 12,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, options);
        }
        catch (JsonException e)
        {
            return WorkloadParseResult.Failed([new WorkloadError("", DescribeJsonException(e, options.MaxDepth))]);
        }

        using (document)
        {
            return new WorkloadParser(limits).ParseRoot(document.RootElement);
        }
    }

    private static string DescribeJsonException(JsonException e, int maxDepth)
    {
        string where = e.LineNumber is long line && e.BytePositionInLine is long column
            ? $" at line {line + 1}, column {column + 1}"
            : "";
        // The reader appends its own zero-based position to the message; ours is one-based above.
        string message = e.Message;
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? $"the document nests deeper than {maxDepth} JSON levels{where}"
            : $"invalid JSON{where}: {message}";
    }

    private WorkloadParseResult ParseRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("", $"expected a workload object like {{\"name\": \"hello\", \"steps\": []}}, got {Show(root)}");
            return Finish(null);
        }

        string? name = null;
        string description = "";
        int seed = 0;
        ImmutableArray<WorkloadStep>? steps = null;
        foreach (var property in UniqueProperties(root, ""))
        {
            switch (property.Name)
            {
                case "name":
                    name = ParseName(property.Value);
                    break;
                case "description":
                    description = ParseDescription(property.Value);
                    break;
                case "seed":
                    seed = ParseSeed(property.Value);
                    break;
                case "steps":
                    steps = ParseSteps(property.Value, "steps", depth: 1);
                    break;
                default:
                    Error(Member("", property.Name), $"unknown field \"{Clip(property.Name)}\"; expected one of {TopLevelFields}");
                    break;
            }
        }

        if (!root.TryGetProperty("name", out _))
        {
            Error("name", "required: a name like \"io-bound\"");
        }

        if (!root.TryGetProperty("steps", out _))
        {
            Error("steps", "required: a list of steps like [{\"cpu\": \"5ms\"}] (it may be empty)");
        }

        if (_errors.Count > 0 || name is null || steps is null)
        {
            return Finish(null);
        }

        var expected = ExpectedTimes.Of(steps.Value);
        CheckTotals(expected);
        return Finish(new Workload(name, description, seed, steps.Value, expected));
    }

    private void CheckTotals(ExpectedTimes expected)
    {
        if (_childTasks > _limits.MaxChildTasks)
        {
            Error("steps", $"a request starts {_childTasks} child tasks (gather branches and spawns), over the limit of {_limits.MaxChildTasks}");
        }

        if (expected.Settled > _limits.MaxRequestDuration)
        {
            Error("steps", $"a request is expected to take {DurationText.Format(expected.Settled)} (mean) until it and its children finish, "
                + $"over the limit of {DurationText.Format(_limits.MaxRequestDuration)}");
        }
    }

    private WorkloadParseResult Finish(Workload? workload)
    {
        if (_suppressedErrors > 0)
        {
            _errors.Add(new WorkloadError("", $"{_suppressedErrors} more problems not shown"));
        }

        return _errors.Count == 0 && workload is not null
            ? WorkloadParseResult.Ok(workload)
            : WorkloadParseResult.Failed([.. _errors]);
    }

    private string? ParseName(JsonElement value)
    {
        string expectation = $"expected 1 to {_limits.MaxNameLength} lowercase letters, digits and single hyphens, like \"io-bound\"";
        if (value.ValueKind != JsonValueKind.String)
        {
            Error("name", $"{expectation}, got {Show(value)}");
            return null;
        }

        string name = value.GetString()!;
        if (name.Length > _limits.MaxNameLength)
        {
            Error("name", $"{name.Length} characters, over the limit of {_limits.MaxNameLength}");
            return null;
        }

        if (!NamePattern().IsMatch(name))
        {
            Error("name", $"{expectation}, got {Show(value)}");
            return null;
        }

        return name;
    }

    private string ParseDescription(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error("description", $"expected one line of text, got {Show(value)}");
            return "";
        }

        string description = value.GetString()!;
        if (description.Length > _limits.MaxDescriptionLength)
        {
            Error("description", $"{description.Length} characters, over the limit of {_limits.MaxDescriptionLength}");
        }
        else if (description.Any(char.IsControl))
        {
            Error("description", "expected one line of text, without line breaks or control characters");
        }

        return description;
    }

    private int ParseSeed(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int seed) && seed >= 0)
        {
            return seed;
        }

        Error("seed", $"expected a whole number from 0 to {int.MaxValue}, got {Show(value)}");
        return 0;
    }

    private void Error(string path, string message)
    {
        if (_errors.Count < _limits.MaxErrors)
        {
            _errors.Add(new WorkloadError(path, message));
        }
        else
        {
            _suppressedErrors++;
        }
    }

    /// <summary>The object's properties, reporting (and skipping) a key that appears twice.</summary>
    private List<JsonProperty> UniqueProperties(JsonElement obj, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<JsonProperty>();
        foreach (var property in obj.EnumerateObject())
        {
            if (seen.Add(property.Name))
            {
                properties.Add(property);
            }
            else
            {
                Error(Member(path, property.Name), "appears more than once");
            }
        }

        return properties;
    }

    /// <summary>The path of an object member: <c>a.b</c>, or <c>a["odd key"]</c> when the key is not a plain word.</summary>
    private static string Member(string path, string name)
    {
        bool plain = name.Length > 0 && name.Length <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        string member = plain ? name : $"[{JsonSerializer.Serialize(Clip(name))}]";
        return path.Length == 0 ? (plain ? member : "$" + member) : (plain ? $"{path}.{member}" : path + member);
    }

    /// <summary>A value as an error message shows it: strings quoted, containers by kind, long text clipped.</summary>
    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => JsonSerializer.Serialize(Clip(value.GetString()!)),
        _ => Clip(value.GetRawText()),
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
