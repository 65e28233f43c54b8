using System.Globalization;
using System.Text.Json;

namespace Dashboard.Load.Scenarios;

/// <summary>
/// Reads the fields of one JSON object and reports every problem with its path instead of
/// stopping at the first, which System.Text.Json's deserializer cannot do. A field given as
/// <c>null</c> counts as absent.
/// </summary>
internal readonly struct JsonObjectReader
{
    private const int MaxShownChars = 40;

    private readonly JsonElement _element;
    private readonly ValidationErrors _errors;

    private JsonObjectReader(JsonElement element, string path, ValidationErrors errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    /// <summary>Starts reading <paramref name="element"/> if it is an object; reports it otherwise.</summary>
    public static bool TryOpen(JsonElement element, string path, ValidationErrors errors, out JsonObjectReader reader)
    {
        reader = new JsonObjectReader(element, path, errors);
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        errors.Add(path, $"expected an object, got {Describe(element)}");
        return false;
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    /// <summary>A JSON value as it appeared, shortened.</summary>
    public static string Describe(JsonElement element)
    {
        string text = element.ValueKind == JsonValueKind.Undefined ? "nothing" : element.GetRawText();
        return text.Length <= MaxShownChars ? text : string.Concat(text.AsSpan(0, MaxShownChars), "…");
    }

    public string PathOf(string name) => Join(Path, name);

    public void Error(string name, string message) => _errors.Add(PathOf(name), message);

    /// <summary>Reports fields not in <paramref name="known"/> and fields given twice.</summary>
    public void RejectUnknown(params string[] known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in _element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Error(property.Name, "field given more than once");
            }
            else if (Array.IndexOf(known, property.Name) < 0)
            {
                Error(property.Name, $"unknown field; expected one of {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>The field's value when present and not null.</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        if (_element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public bool Has(string name) => TryGet(name, out _);

    public void Missing(string name, string expectation) => Error(name, $"required; expected {expectation}");

    public string? String(string name, bool required, int maxLength, string expectation = "a string")
    {
        if (!TryGet(name, out JsonElement value))
        {
            if (required)
            {
                Missing(name, expectation);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(name, $"expected {expectation}, got {Describe(value)}");
            return null;
        }

        string text = value.GetString()!;
        if (required && text.Trim().Length == 0)
        {
            Error(name, $"expected {expectation}, got an empty string");
            return null;
        }

        if (text.Length > maxLength)
        {
            Error(name, $"expected at most {maxLength} characters, got {text.Length}");
            return null;
        }

        return text;
    }

    public double? Number(string name, bool required, double min, bool minExclusive, double max, string? maxSetting)
    {
        string range = minExclusive ? $"a number > {Show(min)}" : $"a number ≥ {Show(min)}";
        if (!TryGet(name, out JsonElement value))
        {
            if (required)
            {
                Missing(name, range);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            Error(name, $"expected {range}, got {Describe(value)}");
            return null;
        }

        if (number < min || (minExclusive && number == min))
        {
            Error(name, $"expected {range}, got {Describe(value)}");
            return null;
        }

        if (number > max)
        {
            Error(name, $"expected at most {Show(max)}{LimitNote(maxSetting)}, got {Describe(value)}");
            return null;
        }

        return number;
    }

    public int? Integer(string name, bool required, int min, int max, string? maxSetting)
    {
        string expectation = $"an integer from {min} to {max}{LimitNote(maxSetting)}";
        if (!TryGet(name, out JsonElement value))
        {
            if (required)
            {
                Missing(name, expectation);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number < min || number > max)
        {
            Error(name, $"expected {expectation}, got {Describe(value)}");
            return null;
        }

        return number;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(name, $"expected true or false, got {Describe(value)}");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>Reads a duration string and checks it lies in [min, max] (min exclusive when asked).</summary>
    public TimeSpan? Duration(string name, bool required, TimeSpan min, bool minExclusive, TimeSpan max, string? maxSetting)
    {
        const string Expectation = "a duration such as " + DurationText.Examples;
        if (!TryGet(name, out JsonElement value))
        {
            if (required)
            {
                Missing(name, Expectation);
            }

            return null;
        }

        return ParseDuration(value, PathOf(name), min, minExclusive, max, maxSetting, _errors);
    }

    /// <summary>Checks a JSON value that must be a duration string in [min, max].</summary>
    public static TimeSpan? ParseDuration(
        JsonElement value, string path, TimeSpan min, bool minExclusive, TimeSpan max, string? maxSetting, ValidationErrors errors)
    {
        const string Expectation = "a duration such as " + DurationText.Examples;
        if (value.ValueKind != JsonValueKind.String || !DurationText.TryParse(value.GetString(), out TimeSpan duration))
        {
            errors.Add(path, $"expected {Expectation}, got {Describe(value)}");
            return null;
        }

        if (duration < min || (minExclusive && duration == min))
        {
            string bound = minExclusive ? $"> {DurationText.Format(min)}" : $"≥ {DurationText.Format(min)}";
            errors.Add(path, $"expected a duration {bound}, got {Describe(value)}");
            return null;
        }

        if (duration > max)
        {
            errors.Add(path, $"expected a duration of at most {DurationText.Format(max)}{LimitNote(maxSetting)}, got {Describe(value)}");
            return null;
        }

        return duration;
    }

    public static string LimitNote(string? setting) => setting is null ? "" : $" (limit: LoadEngineOptions.{setting})";

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
