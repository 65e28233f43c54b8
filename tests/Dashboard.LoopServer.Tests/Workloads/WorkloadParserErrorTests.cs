using Dashboard.LoopServer.Workloads;

namespace Dashboard.LoopServer.Tests.Workloads;

public sealed class WorkloadParserErrorTests
{
    public static TheoryData<string, string, string> BadDocuments() => new()
    {
        // Steps.
        { Steps("""{"cpus": "5ms"}"""), "steps[0]", "unknown step \"cpus\"; expected one of cpu, sleep, offload, process, json, sequence, gather, spawn, pool" },
        { Steps("""{"cpu": "1ms"}, {"sleep": "1ms"}, {"gather": [[{"cpu": "1ms"}, {"cpu": "fast"}]]}"""), "steps[2].gather[0][1].cpu", "expected a duration like \"5ms\", got \"fast\"" },
        { Steps("5"), "steps[0]", "expected a step like {\"cpu\": \"5ms\"}, got 5" },
        { Steps("{}"), "steps[0]", "empty step; expected one key" },
        { Steps("""{"cpu": "1ms", "sleep": "1ms"}"""), "steps[0]", "a step has exactly one key, got 2 (cpu, sleep)" },
        { Steps("""{"cpu": "1ms", "sleep": "1ms", "json": 5}"""), "steps[0]", "got more than 2" },
        { """{"name": "t", "steps": {}}""", "steps", "expected a list of steps like [{\"cpu\": \"5ms\"}], got an object" },
        { Steps("""{"sequence": "x"}"""), "steps[0].sequence", "expected a list of steps" },
        { Steps("""{"sequence": [{"sleep": "x"}]}"""), "steps[0].sequence[0].sleep", "expected a duration like \"5ms\", got \"x\"" },
        { Steps("""{"gather": []}"""), "steps[0].gather", "expected at least one branch" },
        { Steps("""{"gather": {"a": 1}}"""), "steps[0].gather", "expected a list of branches" },
        { Steps("""{"gather": [{"cpu": "1ms"}]}"""), "steps[0].gather[0]", "expected a list of steps" },
        { Steps("""{"spawn": "x"}"""), "steps[0].spawn", "expected a list of steps" },
        { Steps("""{"spawn": [{"offload": true}]}"""), "steps[0].spawn[0].offload", "expected a duration like \"5ms\" or a distribution" },

        // Durations.
        { Steps("""{"cpu": 5}"""), "steps[0].cpu", "a number needs a unit (us, ms, s)" },
        { Steps("""{"cpu": null}"""), "steps[0].cpu", "got null" },
        { Steps("""{"cpu": "11s"}"""), "steps[0].cpu", "11s is over the limit of 10s for a single duration" },
        { Steps("""{"sleep": {"normal": "5ms"}}"""), "steps[0].sleep", "unknown distribution \"normal\"; expected one of uniform, exponential, lognormal" },
        { Steps("""{"sleep": {"uniform": ["1ms", "2ms"], "exponential": "1ms"}}"""), "steps[0].sleep", "a distribution has exactly one key" },
        { Steps("""{"sleep": {"uniform": ["1ms", "2ms", "3ms"]}}"""), "steps[0].sleep.uniform", "expected two bounds like [\"1ms\", \"9ms\"], got a list" },
        { Steps("""{"sleep": {"uniform": ["9ms", "1ms"]}}"""), "steps[0].sleep.uniform", "the lower bound 9ms is above the upper bound 1ms" },
        { Steps("""{"sleep": {"uniform": ["1ms", "fast"]}}"""), "steps[0].sleep.uniform[1]", "got \"fast\"" },
        { Steps("""{"sleep": {"uniform": ["1ms", "20s"]}}"""), "steps[0].sleep.uniform[1]", "20s is over the limit of 10s" },
        { Steps("""{"cpu": {"exponential": "0ms"}}"""), "steps[0].cpu.exponential", "expected a duration above zero" },
        { Steps("""{"cpu": {"exponential": ["5ms"]}}"""), "steps[0].cpu.exponential", "got a list" },
        { Steps("""{"cpu": {"lognormal": {"median": "5ms", "p99": "1ms"}}}"""), "steps[0].cpu.lognormal", "p99 1ms is below the median 5ms" },
        { Steps("""{"cpu": {"lognormal": {"median": "5ms"}}}"""), "steps[0].cpu.lognormal.p99", "required; expected {\"median\": ..., \"p99\": ...}: half the draws fall below the median, 99% below p99" },
        { Steps("""{"cpu": {"lognormal": {"mean": "5ms", "median": "5ms", "p99": "9ms"}}}"""), "steps[0].cpu.lognormal.mean", "unknown field \"mean\"" },
        { Steps("""{"cpu": {"lognormal": {"median": "5ms", "p99": "11s"}}}"""), "steps[0].cpu.lognormal.p99", "over the limit of 10s" },
        { Steps("""{"cpu": {"lognormal": "5ms"}}"""), "steps[0].cpu.lognormal", "expected {\"median\": ..., \"p99\": ...}" },

        // json.
        { Steps("""{"json": 2000000}"""), "steps[0].json", "2000000 bytes is over the limit of 1048576" },
        { Steps("""{"json": {"bytes": 0}}"""), "steps[0].json.bytes", "expected at least 1 bytes, got 0" },
        { Steps("""{"json": 1.5}"""), "steps[0].json", "expected a whole number of bytes, got 1.5" },
        { Steps("""{"json": "big"}"""), "steps[0].json", "expected a size in bytes like 20000 or {\"bytes\": 20000}, got \"big\"" },
        { Steps("""{"json": {"size": 5}}"""), "steps[0].json.size", "unknown field \"size\"; expected bytes" },
        { Steps("""{"json": {"size": 5}}"""), "steps[0].json.bytes", "required" },

        // pool.
        { Steps("""{"pool": {"size": 4}}"""), "steps[0].pool.backend", "required: how long the backend takes to answer" },
        { Steps("""{"pool": {"backend": "1ms", "size": 0}}"""), "steps[0].pool.size", "expected at least 1 connections, got 0" },
        { Steps("""{"pool": {"backend": "1ms", "size": 65}}"""), "steps[0].pool.size", "65 connections is over the limit of 64" },
        { Steps("""{"pool": {"backend": "1ms", "queue": -1}}"""), "steps[0].pool.queue", "expected at least 0 waiting requests" },
        { Steps("""{"pool": {"backend": "1ms", "sise": 4}}"""), "steps[0].pool.sise", "unknown field \"sise\"; expected one of backend, size, queue" },
        { Steps("""{"pool": "10ms"}"""), "steps[0].pool", "expected pool settings like" },

        // The document.
        { """{"steps": []}""", "name", "required" },
        { """{"name": "t"}""", "steps", "required" },
        { """{"name": "IO Bound", "steps": []}""", "name", "lowercase letters, digits and single hyphens, like \"io-bound\", got \"IO Bound\"" },
        { """{"name": "a--b", "steps": []}""", "name", "single hyphens" },
        { """{"name": "-a", "steps": []}""", "name", "single hyphens" },
        { """{"name": "", "steps": []}""", "name", "expected 1 to 64" },
        { """{"name": 7, "steps": []}""", "name", "got 7" },
        { "{\"name\": \"" + new string('a', 65) + "\", \"steps\": []}", "name", "65 characters, over the limit of 64" },
        { """{"name": "t", "description": "two\nlines", "steps": []}""", "description", "without line breaks" },
        { """{"name": "t", "description": 5, "steps": []}""", "description", "expected one line of text, got 5" },
        { "{\"name\": \"t\", \"description\": \"" + new string('d', 201) + "\", \"steps\": []}", "description", "201 characters, over the limit of 200" },
        { """{"name": "t", "seed": -1, "steps": []}""", "seed", "expected a whole number from 0 to 2147483647, got -1" },
        { """{"name": "t", "seed": 1.5, "steps": []}""", "seed", "got 1.5" },
        { """{"name": "t", "stepz": [], "steps": []}""", "stepz", "unknown field \"stepz\"; expected one of name, description, seed, steps" },
        { """{"name": "t", "na me": 1, "steps": []}""", "$[\"na me\"]", "unknown field \"na me\"" },
        { """{"name": "t", "name": "u", "steps": []}""", "name", "appears more than once" },
        { "[]", "", "expected a workload object like {\"name\": \"hello\", \"steps\": []}, got a list" },
        { "{\"name\": \"t\",\n \"steps\": [}", "", "invalid JSON at line 2, column" },
        { "", "", "invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Parse_BadDocument_ReportsPathAndReason(string json, string path, string fragment)
    {
        var result = WorkloadParser.Parse(json);

        Assert.False(result.Success);
        Assert.Null(result.Workload);
        Assert.True(
            result.Errors.Any(e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected {path}: ...{fragment}... in:{Environment.NewLine}{result.DescribeErrors()}");
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllOfThem()
    {
        var result = WorkloadParser.Parse("""
            {"name": "Bad Name", "seed": "x", "steps": [
              {"cpu": "fast"}, {"sleeep": "1ms"}, {"gather": [[{"json": -1}]]}, {"pool": {"size": 2}}]}
            """);

        Assert.Equal(
            ["name", "seed", "steps[0].cpu", "steps[1]", "steps[2].gather[0][0].json", "steps[3].pool.backend"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_ManyProblems_StopsListingAtMaxErrors()
    {
        var limits = new WorkloadLimits { MaxErrors = 3 }.Validate();
        string steps = string.Join(", ", Enumerable.Repeat("""{"cpu": "fast"}""", 10));

        var result = WorkloadParser.Parse(Steps(steps), limits);

        Assert.Equal(4, result.Errors.Length);
        Assert.Equal("7 more problems not shown", result.Errors[^1].Message);
    }

    [Fact]
    public void ToString_ErrorWithPath_ReadsPathColonMessage()
    {
        var result = WorkloadParser.Parse(Steps("""{"cpu": "fast"}"""));

        Assert.Equal("steps[0].cpu: expected a duration like \"5ms\", got \"fast\" (units: us, ms, s)", result.Errors.Single().ToString());
        Assert.Equal("[] is bad", new WorkloadError("", "[] is bad").ToString());
    }

    private static string Steps(string steps) => $$"""{"name": "t", "steps": [{{steps}}]}""";
}
