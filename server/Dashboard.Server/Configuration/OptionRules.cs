namespace Dashboard.Server.Configuration;

/// <summary>The one way the host's options classes state a range rule, so every message reads "Section:Field: expected min..max, got value".</summary>
internal static class OptionRules
{
    public static void Range(List<string> errors, string section, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{section}:{field}: expected {min}..{max}, got {value}");
        }
    }
}
