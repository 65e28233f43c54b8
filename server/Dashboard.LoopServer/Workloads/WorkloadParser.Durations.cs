using System.Text.Json;
using Dashboard.LoopServer.Workloads.Durations;

namespace Dashboard.LoopServer.Workloads;

/// <summary>Durations: a fixed string like "5ms", or a one-key distribution object.</summary>
internal sealed partial class WorkloadParser
{
    private const string Distributions = "uniform, exponential, lognormal";
    private const string UniformExample = "{\"uniform\": [\"1ms\", \"9ms\"]}";
    private const string LogNormalExample = "{\"lognormal\": {\"median\": \"5ms\", \"p99\": \"40ms\"}}";

    private DurationSpec? ParseDuration(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return ParseFixed(value, path, allowZero: true) is TimeSpan fixedValue ? new FixedDuration(fixedValue) : null;
            case JsonValueKind.Number:
                Error(path, $"expected a duration like {DurationText.Example}, got {Show(value)}: a number needs a unit ({DurationText.Units})");
                return null;
            case JsonValueKind.Object:
                return ParseDistribution(value, path);
            default:
                Error(path, $"expected a duration like {DurationText.Example} or a distribution like {UniformExample}, got {Show(value)}");
                return null;
        }
    }

    private DurationSpec? ParseDistribution(JsonElement value, string path)
    {
        var properties = value.EnumerateObject().Take(2).ToList();
        if (properties.Count != 1)
        {
            Error(path, $"a distribution has exactly one key, one of {Distributions}, like {UniformExample}");
            return null;
        }

        var (kind, body) = (properties[0].Name, properties[0].Value);
        string bodyPath = Member(path, kind);
        switch (kind)
        {
            case "uniform":
                return ParseUniform(body, bodyPath);
            case "exponential":
                // The one parameter is the mean; zero would make it a fixed zero, which "0ms" says plainly.
                return ParseFixed(body, bodyPath, allowZero: false) is TimeSpan mean
                    ? new ExponentialDuration(mean, _limits.MaxSingleDuration)
                    : null;
            case "lognormal":
                return ParseLogNormal(body, bodyPath);
            default:
                Error(path, $"unknown distribution \"{Clip(kind)}\"; expected one of {Distributions}");
                return null;
        }
    }

    private UniformDuration? ParseUniform(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
        {
            Error(path, $"expected two bounds like [\"1ms\", \"9ms\"], got {Show(value)}");
            return null;
        }

        var min = ParseFixed(value[0], path + "[0]", allowZero: true);
        var max = ParseFixed(value[1], path + "[1]", allowZero: true);
        if (min is not TimeSpan lo || max is not TimeSpan hi)
        {
            return null;
        }

        if (lo > hi)
        {
            Error(path, $"the lower bound {DurationText.Format(lo)} is above the upper bound {DurationText.Format(hi)}");
            return null;
        }

        return new UniformDuration(lo, hi);
    }

    /// <summary>
    /// Log-normal by median and 99th percentile: both are read straight off a latency chart, unlike
    /// μ and σ of the underlying normal, which few people can picture.
    /// </summary>
    private LogNormalDuration? ParseLogNormal(JsonElement value, string path)
    {
        string expectation = $"expected {{\"median\": ..., \"p99\": ...}}: half the draws fall below the median, 99% below p99, like {LogNormalExample}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"{expectation}, got {Show(value)}");
            return null;
        }

        TimeSpan? median = null;
        TimeSpan? p99 = null;
        foreach (var property in UniqueProperties(value, path))
        {
            string memberPath = Member(path, property.Name);
            switch (property.Name)
            {
                case "median":
                    median = ParseFixed(property.Value, memberPath, allowZero: false);
                    break;
                case "p99":
                    p99 = ParseFixed(property.Value, memberPath, allowZero: false);
                    break;
                default:
                    Error(memberPath, $"unknown field \"{Clip(property.Name)}\"; {expectation}");
                    break;
            }
        }

        foreach (string required in (string[])["median", "p99"])
        {
            if (!value.TryGetProperty(required, out _))
            {
                Error(Member(path, required), $"required; {expectation}");
            }
        }

        if (median is not TimeSpan m || p99 is not TimeSpan p)
        {
            return null;
        }

        if (p < m)
        {
            Error(path, $"p99 {DurationText.Format(p)} is below the median {DurationText.Format(m)}; "
                + "99% of draws fall below p99, so it is at least the median");
            return null;
        }

        return new LogNormalDuration(m, p, _limits.MaxSingleDuration);
    }

    /// <summary>A duration string, within the single-duration limit.</summary>
    private TimeSpan? ParseFixed(JsonElement value, string path, bool allowZero)
    {
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (!DurationText.TryParse(text, out var duration))
        {
            Error(path, $"expected a duration like {DurationText.Example}, got {Show(value)} (units: {DurationText.Units})");
            return null;
        }

        if (!allowZero && duration == TimeSpan.Zero)
        {
            Error(path, "expected a duration above zero");
            return null;
        }

        if (duration > _limits.MaxSingleDuration)
        {
            Error(path, $"{DurationText.Format(duration)} is over the limit of {DurationText.Format(_limits.MaxSingleDuration)} for a single duration");
            return null;
        }

        return duration;
    }
}
