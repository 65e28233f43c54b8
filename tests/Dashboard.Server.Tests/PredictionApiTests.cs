using System.Net;
using System.Net.Http.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Analysis;
using Dashboard.Server.Tests.Storage;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests;

/// <summary>
/// <c>GET /api/runs/{id}/prediction?rate=R</c>: the what-if figures from a run's measured service time,
/// for stored runs (every figure known) and runs in memory, and a precise refusal of every bad input.
/// </summary>
public sealed class PredictionApiTests : IDisposable
{
    private const string StoredId = "20261123-201434-453443";
    private const string PoissonId = "20261123-201500-000001";
    private const string UnmeasuredId = "20261123-201600-000002";
    private readonly StoreHarness _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task StoredRun_EvenArrivals_PredictsFromTheMeasuredServiceTimeAtTheChosenRate()
    {
        await using var factory = SeededHost();
        using var client = factory.CreateClient();

        // Service 2 ms with Cs² = 1 (TestRuns' measured prediction); 200/s gives ρ = 0.4.
        var answer = await client.GetFromJsonAsync<WhatIfPrediction>($"/api/runs/{StoredId}/prediction?rate=200");

        Assert.NotNull(answer);
        Assert.Equal(200, answer.Rate);
        Assert.Equal(2, answer.ServiceMeanMs);
        Assert.Equal(1, answer.ServiceCv2);
        Assert.Equal(0, answer.ArrivalCv2);
        Assert.Equal(0.4, answer.Utilization, 12);
        // Pollaczek–Khinchine: ρ·S·(1+Cs²)/(2(1−ρ)) = 0.4·2·2/1.2; Kingman: ρ/(1−ρ)·(Ca²+Cs²)/2·S = 0.4/0.6·0.5·2.
        Assert.Equal(4.0 / 3, answer.PredictedMgOneMs!.Value, 12);
        Assert.Equal(2.0 / 3, answer.PredictedKingmanMs!.Value, 12);
        Assert.Contains("one server", answer.Assumptions);
        Assert.Contains("evenly spaced arrivals, Ca² = 0", answer.Assumptions);
        Assert.Contains("utilization 1 or more", answer.Assumptions);
    }

    [Fact]
    public async Task StoredRun_PoissonArrivals_CountTheArrivalVariabilityInKingman()
    {
        await using var factory = SeededHost();
        using var client = factory.CreateClient();

        var answer = await client.GetFromJsonAsync<WhatIfPrediction>($"/api/runs/{PoissonId}/prediction?rate=250.5");

        Assert.NotNull(answer);
        Assert.Equal(1, answer.ArrivalCv2);
        var expected = QueueingPrediction.Predict(250.5, 2, 1, 1);
        Assert.Equal(expected.Utilization, answer.Utilization, 12);
        Assert.Equal(expected.MeanWaitingMs, answer.PredictedMgOneMs!.Value, 12);
        // With Ca² = Cs² = 1 Kingman is exact for M/M/1 and equals Pollaczek–Khinchine.
        Assert.Equal(answer.PredictedMgOneMs.Value, answer.PredictedKingmanMs!.Value, 12);
        Assert.Contains("Poisson arrivals, Ca² = 1", answer.Assumptions);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("750")]
    public async Task StoredRun_AtOrAboveFullUtilization_HasNoSteadyStateSoNoPrediction(string rate)
    {
        await using var factory = SeededHost();
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/runs/{StoredId}/prediction?rate={rate}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"predictedMgOneMs\":null", json);
        Assert.Contains("\"predictedKingmanMs\":null", json);
        var answer = await response.Content.ReadFromJsonAsync<WhatIfPrediction>();
        Assert.Equal(double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) * 2 / 1000, answer!.Utilization, 12);
    }

    [Theory]
    [InlineData("", "expected a rate in requests per second, above 0 and at most 200,000")]
    [InlineData("?rate=", "expected a rate in requests per second, above 0 and at most 200,000")]
    [InlineData("?rate=%20%20", "expected a rate in requests per second")]
    [InlineData("?rate=fast", "expected a number of requests per second (digits, a dot for decimals), got 'fast'")]
    [InlineData("?rate=1,5", "expected a number of requests per second (digits, a dot for decimals), got '1,5'")]
    [InlineData("?rate=0", "expected a rate above 0 requests per second, got 0")]
    [InlineData("?rate=-5", "expected a rate above 0 requests per second, got -5")]
    [InlineData("?rate=NaN", "expected a finite number of requests per second, got 'NaN'")]
    [InlineData("?rate=Infinity", "expected a finite number of requests per second, got 'Infinity'")]
    [InlineData("?rate=1e400", "expected a finite number of requests per second, got '1e400'")]
    [InlineData("?rate=200001", "expected a rate of at most 200,000 requests per second (the load engine's limit, LoadEngine:MaxRate), got 200001")]
    [InlineData("?rate=1&rate=2", "expected one rate, got 2")]
    public async Task BadRate_Is400NamingTheRateAndWhatWasExpected(string query, string message)
    {
        await using var factory = SeededHost();
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/runs/{StoredId}/prediction{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        Assert.Equal("invalid rate", problem!.Title);
        var error = Assert.Single(problem.Errors);
        Assert.Equal("rate", error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        // The host keeps serving after a refusal.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{StoredId}/prediction?rate=10")).StatusCode);
    }

    [Fact]
    public async Task RateLimit_FollowsTheLoadEnginesConfiguredMaximum()
    {
        await using var factory = SeededHost().With("LoadEngine:MaxRate", "1000");
        using var client = factory.CreateClient();

        var over = await client.GetAsync($"/api/runs/{StoredId}/prediction?rate=1000.5");
        var at = await client.GetAsync($"/api/runs/{StoredId}/prediction?rate=1000");

        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("at most 1,000 requests per second", await over.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, at.StatusCode);
    }

    [Fact]
    public async Task UnknownRun_Is404NamingTheId()
    {
        await using var factory = SeededHost();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/runs/no-such-run/prediction?rate=100");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        var error = Assert.Single(problem!.Errors);
        Assert.Equal("id", error.Path);
        Assert.Equal("no run with id 'no-such-run' (GET /api/runs lists them)", error.Message);
    }

    [Fact]
    public async Task RunWithoutAMeasuredServiceTime_Is409SayingSo()
    {
        await using var factory = SeededHost();
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/runs/{UnmeasuredId}/prediction?rate=100");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        Assert.Equal("no service time yet", problem!.Title);
        Assert.Contains("has no measured service time yet", Assert.Single(problem.Errors).Message);
    }

    [Fact]
    public async Task RunInMemory_PredictsFromItsOwnMeasuredServiceTime()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var id = await ApiRuns.StartAsync(client, ApiRuns.Scenario("what-if-live", rate: 100));
        var info = await ApiRuns.WaitUntilEndedAsync(client, id);
        Assert.NotNull(info.Prediction);

        var answer = await client.GetFromJsonAsync<WhatIfPrediction>($"/api/runs/{id}/prediction?rate=300");

        Assert.NotNull(answer);
        Assert.Equal(info.Prediction.ServiceMeanMs, answer.ServiceMeanMs, 9);
        Assert.Equal(info.Prediction.ServiceCv2, answer.ServiceCv2, 9);
        Assert.Equal(0, answer.ArrivalCv2);
        Assert.Equal(300 * info.Prediction.ServiceMeanMs / 1000, answer.Utilization, 9);
        Assert.NotNull(answer.PredictedMgOneMs);
        Assert.True(answer.PredictedMgOneMs >= 0);
    }

    [Fact]
    public void ParseRate_AcceptsADecimalWithADotAndSurroundingSpace()
    {
        Assert.Null(WhatIfPredictor.ParseRate(" 12.5 ", 100));
        Assert.Null(WhatIfPredictor.ParseRate("1e2", 100));
        Assert.NotNull(WhatIfPredictor.ParseRate(new string('9', 100), 100));
    }

    /// <summary>A host on a store holding three finished runs: even arrivals, Poisson arrivals, and one with no requests measured.</summary>
    private DashboardFactory SeededHost()
    {
        var store = _store.Open();
        using (var batch = store.BeginBatch())
        {
            var even = TestRuns.Header(StoredId, "what-if-even");
            var poisson = TestRuns.Header(PoissonId, "what-if-poisson");
            var unmeasured = TestRuns.Header(UnmeasuredId, "what-if-unmeasured");
            batch.Upsert(even);
            batch.Upsert(poisson with { Scenario = poisson.Scenario with { Arrivals = "poisson" } });
            batch.Upsert(unmeasured with { Info = unmeasured.Info with { Prediction = null } });
            batch.Commit();
        }

        store.Dispose();
        return new DashboardFactory(_store.Directory);
    }
}
