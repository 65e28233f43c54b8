using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Tests.Scenarios;

public sealed class ScenarioValidatorTests
{
    private readonly ScenarioValidator _validator = new();

    [Fact]
    public void Parse_ValidScenario_ReturnsScenarioAndPlan()
    {
        ScenarioValidationResult result = _validator.Parse("""
            {
              "name": "demo",
              "description": "a valid one",
              "target": { "workload": "io-bound" },
              "phases": [
                { "inject": { "rate": 100, "during": "2s" } },
                { "pause": "1s" },
                { "keepConstant": { "copies": 10, "during": "2s", "think": "10ms" } },
                { "rampingInject": { "rate": 300, "during": "1m" } }
              ],
              "arrivals": "poisson",
              "seed": 7,
              "thresholds": [ "latency.p99 < 50ms", { "expression": "errors.rate < 1%", "abortOnFail": true } ]
            }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("demo", result.Scenario!.Name);
        LoadPlan plan = result.Plan!;
        Assert.Equal(new Uri("http://127.0.0.1:5080"), plan.Origin);
        Assert.Equal("/w/io-bound", Assert.Single(plan.Kinds).PathAndQuery);
        Assert.Equal(4, plan.Phases.Count);
        Assert.Equal(TimeSpan.FromSeconds(65), plan.TotalDuration);
        Assert.Equal(ScenarioDefaults.Connections, plan.Connections);
        Assert.Equal(TimeSpan.FromSeconds(5), plan.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), plan.Interval);
        Assert.True(plan.PoissonArrivals);
        Assert.Equal(2, plan.Thresholds.Count);
        Assert.True(plan.Thresholds[1].AbortOnFail);
    }

    [Fact]
    public void Parse_InvalidScenario_ListsEveryErrorWithItsPath()
    {
        ScenarioValidationResult result = _validator.Parse("""
            {
              "nam": "typo",
              "target": { "workload": "io-bound", "url": "http://127.0.0.1:5080/" },
              "phases": [
                { "inject": { "rate": 100, "during": "30s" } },
                { "inject": { "rate": -5, "during": "3 parsecs" } },
                { "keepConstant": { "copies": 80, "during": "1s" } },
                { "rampingInject": { "rate": 10 } },
                { "inject": { "rate": 1, "during": "1s" }, "pause": "1s" }
              ],
              "connections": 0,
              "interval": "1ms",
              "arrivals": "bursty",
              "thresholds": [ "latncy.p99 < 50ms", "latency.p99 < 50", "errors.rate < 1", 42 ]
            }
            """);

        Assert.False(result.IsValid);
        Assert.Null(result.Scenario);
        string[] expected =
        [
            "nam: unknown field; expected one of name, description",
            "name: required",
            "target: expected exactly one of workload, inline, url; got workload and url",
            "phases[1].inject.rate: expected a number > 0, got -5",
            "phases[1].inject.during: expected a duration such as \"500ms\", \"30s\" or \"1m\", got \"3 parsecs\"",
            "phases[2].keepConstant.copies: 80 virtual users need 80 connections but \"connections\" is 50",
            "phases[3].rampingInject.during: required",
            "phases[4]: expected exactly one of inject, rampingInject, keepConstant, rampingConstant, pause, sweep; got inject and pause",
            "connections: expected an integer from 1 to 2000 (limit: LoadEngineOptions.MaxConnections), got 0",
            "interval: expected a duration ≥ 100ms, got \"1ms\"",
            "arrivals: expected \"even\" or \"poisson\", got \"bursty\"",
            "thresholds[0]: unknown metric \"latncy.p99\" (did you mean \"latency.p99\"?); expected one of latency.{p50,",
            "thresholds[1]: latency.p99 is a duration; write the value with a unit",
            "thresholds[2]: errors.rate is a percentage; write the value with a percent sign",
            "thresholds[3]: expected an expression such as",
        ];
        string all = string.Join("\n", result.Errors);
        foreach (string line in expected)
        {
            Assert.Contains(line, all);
        }

        Assert.Equal(expected.Length, result.Errors.Count);
    }

    [Fact]
    public void Parse_UnknownMetricMessage_ListsLoopAndErrorMetrics()
    {
        ScenarioValidationResult result = _validator.Parse(Minimal("\"thresholds\": [\"latncy.p99 < 50ms\"]"));
        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("thresholds[0]", error.Path);
        Assert.Contains("errors.rate", error.Message);
        Assert.Contains("loop.waiting.{p50,p75,p90,p95,p99,p99.9,max,mean}", error.Message);
    }

    [Fact]
    public void Parse_MalformedJson_ReportsLineAndPosition()
    {
        ScenarioValidationResult result = _validator.Parse("{\n  \"name\": \"x\",\n  \"target\": { \"workload\": }\n}");
        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.StartsWith("malformed JSON at line 3, position 27:", error.Message);
    }

    [Fact]
    public void Parse_NotAnObject_ReportsRoot()
    {
        ScenarioError error = Assert.Single(_validator.Parse("[1, 2]").Errors);
        Assert.Equal("$", error.Path);
        Assert.Equal("expected an object, got [1, 2]", error.Message);
    }

    [Fact]
    public void Parse_UrlTargetNotAllowListed_NamesOriginAndSetting()
    {
        ScenarioValidationResult result = _validator.Parse(MinimalWithTarget("{ \"url\": \"http://example.com:8080/api\" }"));
        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("target.url", error.Path);
        Assert.Contains("\"http://example.com:8080\" is not allowed", error.Message);
        Assert.Contains("LoadEngineOptions.AllowedTargetOrigins", error.Message);
    }

    [Fact]
    public void Parse_Ipv6UrlTargetNotAllowListed_WritesTheOriginInBrackets()
    {
        ScenarioError error = Assert.Single(_validator.Parse(MinimalWithTarget("{ \"url\": \"http://[::1]:5081/\" }")).Errors);
        Assert.Contains("\"http://[::1]:5081\" is not allowed", error.Message);
    }

    [Fact]
    public void Parse_UrlTargetAllowListed_IsValid()
    {
        var validator = new ScenarioValidator(new LoadEngineOptions { AllowedTargetOrigins = ["http://example.com:8080"] });
        ScenarioValidationResult result = validator.Parse(MinimalWithTarget("{ \"url\": \"http://example.com:8080/api?x=1\" }"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new Uri("http://example.com:8080"), result.Plan!.Origin);
        Assert.Equal("/api?x=1", result.Plan.Kinds[0].PathAndQuery);
    }

    [Fact]
    public void Parse_UrlOnLoopServer_IsAllowedWithoutListing()
    {
        ScenarioValidationResult result = _validator.Parse(MinimalWithTarget("{ \"url\": \"http://127.0.0.1:5080/\" }"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Parse_HttpsUrl_IsRefused()
    {
        var validator = new ScenarioValidator(new LoadEngineOptions { AllowedTargetOrigins = ["http://example.com"] });
        ScenarioError error = Assert.Single(validator.Parse(MinimalWithTarget("{ \"url\": \"https://example.com/\" }")).Errors);
        Assert.Contains("https is not supported", error.Message);
    }

    [Fact]
    public void Parse_LimitsFromOptions_AreEnforcedAndNamed()
    {
        var validator = new ScenarioValidator(new LoadEngineOptions { MaxRate = 1_000, MaxTotalDuration = TimeSpan.FromMinutes(1) });
        ScenarioValidationResult result = validator.Parse("""
            { "name": "x", "target": { "workload": "hello" },
              "phases": [ { "inject": { "rate": 5000, "during": "40s" } }, { "pause": "30s" } ] }
            """);
        Assert.Contains(result.Errors, e => e.Path == "phases[0].inject.rate" && e.Message.Contains("at most 1000 (limit: LoadEngineOptions.MaxRate)"));
        Assert.DoesNotContain(result.Errors, e => e.Path == "phases");

        result = validator.Parse("""
            { "name": "x", "target": { "workload": "hello" },
              "phases": [ { "inject": { "rate": 500, "during": "40s" } }, { "pause": "30s" } ] }
            """);
        ScenarioError total = Assert.Single(result.Errors);
        Assert.Equal("phases", total.Path);
        Assert.Contains("1m10s in all; at most 1m (limit: LoadEngineOptions.MaxTotalDuration)", total.Message);
    }

    [Fact]
    public void Parse_RequestMix_ResolvesPathsMethodsAndBodies()
    {
        ScenarioValidationResult result = _validator.Parse("""
            { "name": "mix", "target": { "workload": "hello" },
              "requests": [
                { "name": "seq", "weight": 3, "workload": "sequential" },
                { "name": "root", "path": "/" },
                { "name": "posted", "workload": "json-heavy", "body": { "size": 10 } },
                { "name": "default" }
              ],
              "phases": [ { "inject": { "rate": 10, "during": "1s" } } ] }
            """);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        IReadOnlyList<RequestKindPlan> kinds = result.Plan!.Kinds;
        Assert.Equal(("seq", 3.0, "GET", "/w/sequential"), (kinds[0].Name, kinds[0].Weight, kinds[0].Method, kinds[0].PathAndQuery));
        Assert.Equal("/", kinds[1].PathAndQuery);
        Assert.Equal("POST", kinds[2].Method);
        Assert.Equal("application/json", kinds[2].ContentType);
        Assert.Equal("{ \"size\": 10 }", System.Text.Encoding.UTF8.GetString(kinds[2].Body));
        Assert.Equal("/w/hello", kinds[3].PathAndQuery);
    }

    [Fact]
    public void Parse_InlineTarget_PostsWorkloadToW()
    {
        ScenarioValidationResult result = _validator.Parse(MinimalWithTarget("{ \"inline\": { \"steps\": [ { \"cpu\": \"1ms\" } ] } }"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        RequestKindPlan kind = Assert.Single(result.Plan!.Kinds);
        Assert.Equal(("POST", "/w", "application/json"), (kind.Method, kind.PathAndQuery, kind.ContentType));
        Assert.Contains("\"cpu\"", System.Text.Encoding.UTF8.GetString(kind.Body));
    }

    [Fact]
    public void Parse_BadRequestKinds_ListsEachProblem()
    {
        ScenarioValidationResult result = _validator.Parse("""
            { "name": "mix", "target": { "workload": "hello" },
              "requests": [
                { "name": "a", "weight": 0, "path": "no-slash" },
                { "name": "a", "path": "/x", "workload": "y", "method": "get" },
                { "weight": 1, "body": 5 }
              ],
              "phases": [ { "inject": { "rate": 10, "during": "1s" } } ] }
            """);
        string all = string.Join("\n", result.Errors);
        Assert.Contains("requests[0].weight: expected a number > 0, got 0", all);
        Assert.Contains("requests[0].path: expected a path starting with \"/\"", all);
        Assert.Contains("requests[1].name: \"a\" is used by another request kind", all);
        Assert.Contains("requests[1]: expected path or workload, not both", all);
        Assert.Contains("requests[1].method: expected one of GET, HEAD, POST", all);
        Assert.Contains("requests[2].name: required", all);
        Assert.Contains("requests[2].body: expected a JSON object or array", all);
        Assert.Equal(7, result.Errors.Count);
    }

    [Fact]
    public void Parse_NullOptionalField_CountsAsAbsent()
    {
        ScenarioValidationResult result = _validator.Parse(Minimal("\"connections\": null, \"description\": null"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Parse_DuplicateField_IsReported()
    {
        ScenarioValidationResult result = _validator.Parse(Minimal("\"connections\": 5, \"connections\": 6"));
        Assert.Contains(result.Errors, e => e.Path == "connections" && e.Message == "field given more than once");
    }

    [Fact]
    public void Parse_TooManyProblems_AreBounded()
    {
        var validator = new ScenarioValidator(new LoadEngineOptions { MaxReportedErrors = 3 });
        string phases = string.Join(",", Enumerable.Repeat("{ \"pause\": \"never\" }", 10));
        ScenarioValidationResult result = validator.Parse($$"""{ "name": "x", "target": { "workload": "hello" }, "phases": [{{phases}}] }""");
        Assert.Equal(4, result.Errors.Count);
        Assert.Equal("7 more problem(s) not listed", result.Errors[^1].Message);
    }

    [Fact]
    public void Validate_TypedScenario_ReportsLikeText()
    {
        var scenario = new ScenarioDefinition
        {
            Name = "typed",
            Target = new ScenarioTarget { Workload = "hello" },
            Phases =
            [
                new LoadSimulation { Inject = new InjectSimulation { Rate = -5, During = "30s" } },
                new LoadSimulation { KeepConstant = new ConstantSimulation { Copies = 5, During = "soon" } },
            ],
            Thresholds = [new ThresholdDefinition { Expression = "latency.p99 < 50ms", AbortOnFail = true }],
        };

        ScenarioValidationResult result = _validator.Validate(scenario);
        Assert.Equal(
            ["phases[0].inject.rate", "phases[1].keepConstant.during"],
            result.Errors.Select(e => e.Path).ToArray());

        ScenarioValidationResult valid = _validator.Validate(scenario with
        {
            Phases = [new LoadSimulation { Inject = new InjectSimulation { Rate = 5, During = "30s" } }],
        });
        Assert.True(valid.IsValid, string.Join("\n", valid.Errors));
        Assert.True(valid.Plan!.Thresholds[0].AbortOnFail);
    }

    [Fact]
    public void Plan_Ramps_StartFromPreviousPhaseOfSameModel()
    {
        ScenarioValidationResult result = _validator.Parse("""
            { "name": "ramps", "target": { "workload": "hello" }, "connections": 60,
              "phases": [
                { "rampingInject": { "rate": 100, "during": "1s" } },
                { "rampingInject": { "rate": 300, "during": "1s" } },
                { "keepConstant": { "copies": 10, "during": "1s" } },
                { "rampingConstant": { "copies": 60, "during": "1s" } },
                { "rampingInject": { "rate": 50, "during": "1s" } }
              ] }
            """);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        IReadOnlyList<PhasePlan> phases = result.Plan!.Phases;
        Assert.Equal((0.0, 100.0), (phases[0].StartRate, phases[0].EndRate));
        Assert.Equal((100.0, 300.0), (phases[1].StartRate, phases[1].EndRate));
        Assert.Equal((10, 60), (phases[3].StartCopies, phases[3].EndCopies));
        Assert.Equal((0.0, 50.0), (phases[4].StartRate, phases[4].EndRate));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScenarioValidator(new LoadEngineOptions { MaxRate = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScenarioValidator(new LoadEngineOptions { AllowedTargetOrigins = ["ftp://x"] }));
    }

    private static string Minimal(string extra) =>
        $$"""{ "name": "x", "target": { "workload": "hello" }, "phases": [ { "inject": { "rate": 10, "during": "1s" } } ], {{extra}} }""";

    [Fact]
    public void Parse_CommentsInsideObjectsAndTrailingCommas_AreValid()
    {
        // Found by benchmarks/run.sh fuzz: the validator skipped comments, the typed read then threw on them.
        ScenarioValidationResult result = _validator.Parse("""
            { "name": "x", /* a note */ "target": { "workload": "hello", // why
              }, "phases": [ { "inject": { "rate": 10, "during": "1s" } }, ], }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("1e-320", "makes more than a billion steps")]
    [InlineData("0.0001", "makes 1300001 steps")]
    public void Parse_SweepWithATinyStep_IsRefusedBeforeItsStepsAreMade(string step, string expected)
    {
        // Found by benchmarks/run.sh fuzz: the step count overflowed an int and passed as 0 steps,
        // and a merely small step allocated every rate before the limit was checked.
        ScenarioValidationResult result = _validator.Parse($$"""
            { "name": "x", "target": { "workload": "hello" }, "phases": [ { "sweep": { "from": 20, "step": {{step}}, "to": 150, "hold": "2s" } } ] }
            """);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("phases[0].sweep.step", error.Path);
        Assert.Contains(expected, error.Message);
    }

    private static string MinimalWithTarget(string target) =>
        $$"""{ "name": "x", "target": {{target}}, "phases": [ { "inject": { "rate": 10, "during": "1s" } } ] }""";
}
