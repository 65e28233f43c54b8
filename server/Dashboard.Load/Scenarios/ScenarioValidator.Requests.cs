using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dashboard.Load.Scenarios;

public sealed partial class ScenarioValidator
{
    private const int MaxPathChars = 2_048;
    private const int MaxRequestNameChars = 64;

    private static readonly string[] TargetFields = ["workload", "inline", "url"];
    private static readonly string[] RequestFields = ["name", "weight", "path", "workload", "method", "body"];

    private enum TargetKind
    {
        Unknown,
        Workload,
        Inline,
        Url,
    }

    private TargetKind CheckTarget(JsonObjectReader scenario, ValidationErrors errors)
    {
        const string Expectation = "an object with one of \"workload\" (catalog name), \"inline\" (workload object) or \"url\"";
        if (!scenario.TryGet("target", out JsonElement element))
        {
            scenario.Missing("target", Expectation);
            return TargetKind.Unknown;
        }

        if (!JsonObjectReader.TryOpen(element, scenario.PathOf("target"), errors, out JsonObjectReader target))
        {
            return TargetKind.Unknown;
        }

        target.RejectUnknown(TargetFields);
        string[] given = TargetFields.Where(target.Has).ToArray();
        if (given.Length != 1)
        {
            errors.Add(target.Path, given.Length == 0
                ? $"expected exactly one of workload, inline, url; got none"
                : $"expected exactly one of workload, inline, url; got {string.Join(" and ", given)}");
            return TargetKind.Unknown;
        }

        switch (given[0])
        {
            case "workload":
                CheckWorkloadName(target, "workload");
                return TargetKind.Workload;
            case "inline":
                target.TryGet("inline", out JsonElement inline);
                if (inline.ValueKind != JsonValueKind.Object)
                {
                    target.Error("inline", $"expected a workload object, got {JsonObjectReader.Describe(inline)}");
                }
                else
                {
                    CheckBodySize(target, "inline", inline);
                }

                return TargetKind.Inline;
            default:
                CheckUrl(target);
                return TargetKind.Url;
        }
    }

    private void CheckUrl(JsonObjectReader target)
    {
        string? text = target.String("url", required: true, MaxPathChars, "an absolute http:// URL");
        if (text is null)
        {
            return;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            target.Error("url", $"expected an absolute http:// URL, got \"{text}\"");
            return;
        }

        if (url.Scheme == Uri.UriSchemeHttps)
        {
            target.Error("url", "https is not supported: the engine speaks plain HTTP/1.1 to measure the server, not TLS");
            return;
        }

        if (url.UserInfo.Length > 0 || url.Fragment.Length > 0)
        {
            target.Error("url", "expected a URL without user information or fragment");
            return;
        }

        if (!_options.IsAllowedOrigin(url))
        {
            string origin = LoadEngineOptions.OriginOf(url);
            target.Error("url", $"origin \"{origin}\" is not allowed; add it to LoadEngineOptions.{nameof(LoadEngineOptions.AllowedTargetOrigins)} (only the loop server at {LoadEngineOptions.OriginOf(_options.LoopServerAddress)} is allowed by default)");
        }
    }

    private void CheckRequests(JsonObjectReader scenario, ValidationErrors errors, TargetKind targetKind)
    {
        if (!scenario.TryGet("requests", out JsonElement list))
        {
            return;
        }

        string path = scenario.PathOf("requests");
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"expected an array of request kinds, got {JsonObjectReader.Describe(list)}");
            return;
        }

        int count = list.GetArrayLength();
        if (count == 0)
        {
            errors.Add(path, "expected at least one request kind (or leave \"requests\" out to send the target alone)");
            return;
        }

        if (count > _options.MaxRequestKinds)
        {
            errors.Add(path, $"expected at most {_options.MaxRequestKinds} request kinds{JsonObjectReader.LimitNote(nameof(LoadEngineOptions.MaxRequestKinds))}, got {count}");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string itemPath = JsonObjectReader.Index(path, index++);
            if (!JsonObjectReader.TryOpen(item, itemPath, errors, out JsonObjectReader request))
            {
                continue;
            }

            request.RejectUnknown(RequestFields);
            string? name = request.String("name", required: true, MaxRequestNameChars, "a non-empty name");
            if (name is not null && !names.Add(name))
            {
                request.Error("name", $"\"{name}\" is used by another request kind; names must be unique");
            }

            request.Number("weight", required: false, 0, minExclusive: true, 1_000_000, null);
            bool hasPath = request.Has("path");
            bool hasWorkload = request.Has("workload");
            if (hasPath && hasWorkload)
            {
                errors.Add(itemPath, "expected path or workload, not both");
            }

            if (hasPath)
            {
                CheckPath(request);
            }

            if (hasWorkload)
            {
                CheckWorkloadName(request, "workload");
                if (targetKind == TargetKind.Url)
                {
                    request.Error("workload", "catalog workloads run on the loop server; with a url target give a path instead");
                }
            }

            bool inlineDefault = targetKind == TargetKind.Inline && !hasPath && !hasWorkload;
            CheckMethod(request, "method", inlineDefault);
            if (request.TryGet("body", out JsonElement body))
            {
                if (inlineDefault)
                {
                    request.Error("body", "this request sends the inline workload as its body; give a path or workload to send another body");
                }
                else if (body.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.String))
                {
                    request.Error("body", $"expected a JSON object or array (sent as application/json) or a string (sent as text), got {JsonObjectReader.Describe(body)}");
                }
                else
                {
                    CheckBodySize(request, "body", body);
                }
            }
        }
    }

    private static void CheckWorkloadName(JsonObjectReader reader, string name)
    {
        string? workload = reader.String(name, required: true, 64, "a catalog workload name");
        if (workload is not null && !WorkloadName().IsMatch(workload))
        {
            reader.Error(name, $"expected a workload name of letters, digits, '-', '_' or '.', got \"{workload}\"");
        }
    }

    private static void CheckPath(JsonObjectReader request)
    {
        string? path = request.String("path", required: true, MaxPathChars, "a path starting with \"/\"");
        if (path is not null && !RequestPath().IsMatch(path))
        {
            request.Error("path", $"expected a path starting with \"/\" without spaces or control characters, got \"{path}\"");
        }
    }

    private void CheckBodySize(JsonObjectReader reader, string name, JsonElement body)
    {
        int bytes = body.ValueKind == JsonValueKind.String
            ? Encoding.UTF8.GetByteCount(body.GetString()!)
            : Encoding.UTF8.GetByteCount(body.GetRawText());
        if (bytes > _options.MaxBodyBytes)
        {
            reader.Error(name, $"expected at most {_options.MaxBodyBytes} bytes{JsonObjectReader.LimitNote(nameof(LoadEngineOptions.MaxBodyBytes))}, got {bytes}");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkloadName();

    [GeneratedRegex(@"^/[\x21-\x7E]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RequestPath();
}
