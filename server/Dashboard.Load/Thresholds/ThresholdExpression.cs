using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Load.Thresholds;

/// <summary>
/// A parsed threshold: <c>metric operator value</c>. The limit is kept in the metric's comparison
/// unit (milliseconds for durations, percent for percentages).
/// </summary>
internal sealed partial record ThresholdExpression(
    string Text,
    string Metric,
    MetricKind Kind,
    ThresholdOperator Operator,
    double Limit,
    bool AbortOnFail)
{
    public const string Example = "\"latency.p99 < 50ms\"";

    public bool IsSatisfiedBy(double actual) => Operator switch
    {
        ThresholdOperator.Less => actual < Limit,
        ThresholdOperator.LessOrEqual => actual <= Limit,
        ThresholdOperator.Greater => actual > Limit,
        _ => actual >= Limit,
    };

    /// <summary>Parses an expression; on failure <paramref name="error"/> says what is wrong and how to write it.</summary>
    public static bool TryParse(string? text, bool abortOnFail, out ThresholdExpression? expression, out string? error)
    {
        expression = null;
        Match match = Shape().Match(text ?? "");
        if (!match.Success)
        {
            error = $"expected \"metric operator value\" such as {Example}, got \"{text}\"";
            return false;
        }

        string metric = match.Groups["metric"].Value;
        MetricKind? kind = ThresholdMetrics.KindOf(metric);
        if (kind is null)
        {
            string? suggestion = ThresholdMetrics.Suggest(metric);
            string hint = suggestion is null ? "" : $" (did you mean \"{suggestion}\"?)";
            error = $"unknown metric \"{metric}\"{hint}; expected one of {ThresholdMetrics.Summary}";
            return false;
        }

        ThresholdOperator op = match.Groups["op"].Value switch
        {
            "<" => ThresholdOperator.Less,
            "<=" => ThresholdOperator.LessOrEqual,
            ">" => ThresholdOperator.Greater,
            _ => ThresholdOperator.GreaterOrEqual,
        };
        double number = double.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        string unit = match.Groups["unit"].Value;

        double? limit = (kind.Value, unit) switch
        {
            (MetricKind.Duration, "us" or "µs") => number / 1_000,
            (MetricKind.Duration, "ms") => number,
            (MetricKind.Duration, "s") => number * 1_000,
            (MetricKind.Duration, "m") => number * 60_000,
            (MetricKind.Percent, "%") => number,
            (MetricKind.Number, "") => number,
            _ => null,
        };
        if (limit is null)
        {
            error = kind.Value switch
            {
                MetricKind.Duration => $"{metric} is a duration; write the value with a unit (us, ms, s, m) such as 50ms, got \"{number.ToString(CultureInfo.InvariantCulture)}{unit}\"",
                MetricKind.Percent => $"{metric} is a percentage; write the value with a percent sign such as 1%, got \"{number.ToString(CultureInfo.InvariantCulture)}{unit}\"",
                _ => $"{metric} is a plain number; write the value without a unit, got \"{number.ToString(CultureInfo.InvariantCulture)}{unit}\"",
            };
            return false;
        }

        if (kind == MetricKind.Percent && limit > 100)
        {
            error = $"{metric} is a percentage; expected a value from 0% to 100%, got {number.ToString(CultureInfo.InvariantCulture)}%";
            return false;
        }

        error = null;
        expression = new ThresholdExpression(text!.Trim(), metric, kind.Value, op, limit.Value, abortOnFail);
        return true;
    }

    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z][A-Za-z0-9_.]*)\s*(?<op><=|>=|<|>)\s*(?<number>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>us|µs|ms|s|m|%)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
