using System.Collections.Immutable;
using System.Text.Json;
using Dashboard.LoopServer.Workloads.Durations;

namespace Dashboard.LoopServer.Workloads;

/// <summary>The step kinds: one key per step object, nested lists for sequence, gather and spawn.</summary>
internal sealed partial class WorkloadParser
{
    private const string StepExample = "{\"cpu\": \"5ms\"}";

    /// <summary>A list of steps at <paramref name="depth"/> (top-level steps are depth 1).</summary>
    private ImmutableArray<WorkloadStep> ParseSteps(JsonElement value, string path, int depth)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected a list of steps like [{StepExample}], got {Show(value)}");
            return [];
        }

        if (depth > _limits.MaxNestingDepth)
        {
            Error(path, $"steps nest {depth} lists deep, over the limit of {_limits.MaxNestingDepth}");
            return [];
        }

        var steps = ImmutableArray.CreateBuilder<WorkloadStep>(value.GetArrayLength());
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (ParseStep(item, $"{path}[{index}]", depth) is { } step)
            {
                steps.Add(step);
            }

            index++;
        }

        return steps.DrainToImmutable();
    }

    private WorkloadStep? ParseStep(JsonElement value, string path, int depth)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected a step like {StepExample}, got {Show(value)}");
            return null;
        }

        if (++_stepCount == _limits.MaxSteps + 1)
        {
            Error(path, $"more than {_limits.MaxSteps} steps in the workload");
        }

        var properties = value.EnumerateObject().Take(3).ToList();
        if (properties.Count != 1)
        {
            Error(path, properties.Count == 0
                ? $"empty step; expected one key, one of {StepKinds.All}"
                : $"a step has exactly one key, got {(properties.Count > 2 ? "more than 2" : "2")} "
                  + $"({string.Join(", ", properties.Take(2).Select(p => Clip(p.Name)))}); put steps in a list instead");
            return null;
        }

        var (kind, body) = (properties[0].Name, properties[0].Value);
        string bodyPath = Member(path, kind);
        switch (kind)
        {
            case StepKinds.Cpu:
                return ParseDuration(body, bodyPath) is { } cpu ? new CpuStep(cpu) : null;
            case StepKinds.Sleep:
                return ParseDuration(body, bodyPath) is { } sleep ? new SleepStep(sleep) : null;
            case StepKinds.Offload:
                return ParseDuration(body, bodyPath) is { } offload ? new OffloadStep(offload) : null;
            case StepKinds.Process:
                return ParseDuration(body, bodyPath) is { } process ? new ProcessStep(process) : null;
            case StepKinds.Json:
                return ParseJsonSize(body, bodyPath) is int bytes ? new JsonStep(bytes) : null;
            case StepKinds.Sequence:
                return new SequenceStep(ParseSteps(body, bodyPath, depth + 1));
            case StepKinds.Gather:
                return ParseGather(body, bodyPath, depth);
            case StepKinds.Spawn:
                _childTasks++;
                return new SpawnStep(ParseSteps(body, bodyPath, depth + 1));
            case StepKinds.Pool:
                return ParsePool(body, bodyPath);
            default:
                Error(path, $"unknown step \"{Clip(kind)}\"; expected one of {StepKinds.All}");
                return null;
        }
    }

    private GatherStep? ParseGather(JsonElement value, string path, int depth)
    {
        const string Example = "[[{\"sleep\": \"10ms\"}], [{\"cpu\": \"1ms\"}]]";
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected a list of branches, each a list of steps, like {Example}, got {Show(value)}");
            return null;
        }

        int count = value.GetArrayLength();
        if (count == 0)
        {
            Error(path, $"expected at least one branch, like {Example}");
            return null;
        }

        if (count > _limits.MaxGatherBranches)
        {
            Error(path, $"{count} branches, over the limit of {_limits.MaxGatherBranches}");
            return null;
        }

        _childTasks += count;
        var branches = ImmutableArray.CreateBuilder<ImmutableArray<WorkloadStep>>(count);
        int index = 0;
        foreach (var branch in value.EnumerateArray())
        {
            branches.Add(ParseSteps(branch, $"{path}[{index}]", depth + 1));
            index++;
        }

        return new GatherStep(branches.MoveToImmutable());
    }

    /// <summary><c>{"json": 20000}</c> or <c>{"json": {"bytes": 20000}}</c>.</summary>
    private int? ParseJsonSize(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return ParseCount(value, path, "bytes", 1, _limits.MaxJsonBytes);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected a size in bytes like 20000 or {{\"bytes\": 20000}}, got {Show(value)}");
            return null;
        }

        int? bytes = null;
        foreach (var property in UniqueProperties(value, path))
        {
            if (property.Name == "bytes")
            {
                bytes = ParseCount(property.Value, Member(path, "bytes"), "bytes", 1, _limits.MaxJsonBytes);
            }
            else
            {
                Error(Member(path, property.Name), $"unknown field \"{Clip(property.Name)}\"; expected bytes");
            }
        }

        if (!value.TryGetProperty("bytes", out _))
        {
            Error(Member(path, "bytes"), "required: the document size, like 20000");
        }

        return bytes;
    }

    /// <summary><c>{"pool": {"backend": "10ms", "size": 4, "queue": 100}}</c>; size and queue are optional.</summary>
    private PoolStep? ParsePool(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected pool settings like {{\"backend\": \"10ms\", \"size\": 4}}, got {Show(value)}");
            return null;
        }

        DurationSpec? backend = null;
        int? size = _limits.DefaultPoolSize;
        int? queue = _limits.DefaultPoolQueue;
        foreach (var property in UniqueProperties(value, path))
        {
            string memberPath = Member(path, property.Name);
            switch (property.Name)
            {
                case "backend":
                    backend = ParseDuration(property.Value, memberPath);
                    break;
                case "size":
                    size = ParseCount(property.Value, memberPath, "connections", 1, _limits.MaxPoolSize);
                    break;
                case "queue":
                    queue = ParseCount(property.Value, memberPath, "waiting requests", 0, _limits.MaxPoolQueue);
                    break;
                default:
                    Error(memberPath, $"unknown field \"{Clip(property.Name)}\"; expected one of backend, size, queue");
                    break;
            }
        }

        if (!value.TryGetProperty("backend", out _))
        {
            Error(Member(path, "backend"), "required: how long the backend takes to answer, like \"10ms\"");
        }

        return backend is not null && size is int s && queue is int q ? new PoolStep(backend, s, q) : null;
    }

    private int? ParseCount(JsonElement value, string path, string unit, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long count))
        {
            Error(path, $"expected a whole number of {unit}, got {Show(value)}");
            return null;
        }

        if (count < min)
        {
            Error(path, $"expected at least {min} {unit}, got {count}");
            return null;
        }

        if (count > max)
        {
            Error(path, $"{count} {unit} is over the limit of {max}");
            return null;
        }

        return (int)count;
    }
}
