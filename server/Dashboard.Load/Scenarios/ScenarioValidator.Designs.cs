using System.Text.Json;

namespace Dashboard.Load.Scenarios;

public sealed partial class ScenarioValidator
{
    private const int MinDesigns = 2;
    private const int MaxDesigns = 8;
    private const int MaxDesignNameChars = 64;
    private static readonly string[] DesignFields = ["name", "workload", "loops"];

    /// <summary>
    /// <c>designs</c>: 2 to 8 objects, each a unique name, a catalog workload and optionally its
    /// loops. They replace the target, the request mix and the loops, which must be left out.
    /// </summary>
    private TargetKind CheckDesigns(JsonObjectReader scenario, ValidationErrors errors)
    {
        foreach (var replaced in new[] { "target", "requests", "loops", "method" })
        {
            if (scenario.Has(replaced))
            {
                scenario.Error(replaced, $"leave it out with \"designs\": each design names its workload and loops");
            }
        }

        scenario.TryGet("designs", out JsonElement list);
        string path = scenario.PathOf("designs");
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"expected an array of {MinDesigns} to {MaxDesigns} designs like {{\"name\": \"thread pool\", \"workload\": \"offloaded\"}}, got {JsonObjectReader.Describe(list)}");
            return TargetKind.Unknown;
        }

        int count = list.GetArrayLength();
        if (count is < MinDesigns or > MaxDesigns)
        {
            errors.Add(path, $"expected {MinDesigns} to {MaxDesigns} designs to compare, got {count}");
            return TargetKind.Unknown;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (!JsonObjectReader.TryOpen(item, JsonObjectReader.Index(path, index++), errors, out JsonObjectReader design))
            {
                continue;
            }

            design.RejectUnknown(DesignFields);
            string? name = design.String("name", required: true, MaxDesignNameChars, "a non-empty name");
            if (name is not null && !names.Add(name))
            {
                design.Error("name", $"\"{name}\" names another design too; names must be unique");
            }

            if (design.Has("workload"))
            {
                CheckWorkloadName(design, "workload");
            }
            else
            {
                design.Missing("workload", "a catalog workload name");
            }

            design.Integer("loops", required: false, 1, Environment.ProcessorCount, null);
        }

        return TargetKind.Workload;
    }
}
