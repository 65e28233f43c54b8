using Dashboard.Server.Analysis;

namespace Dashboard.Server.Tests.Analysis;

public sealed class QueueingPredictionTests
{
    [Theory]
    [InlineData(500, 1.0, 0.0, 0.5)]     // M/D/1 at ρ 0.5: ρS/(2(1−ρ)) = 0.5 ms
    [InlineData(700, 1.0, 0.0, 1.1667)]  // ρ 0.7: 0.7/(0.6) = 1.1667 ms
    [InlineData(500, 1.0, 1.0, 1.0)]     // M/M/1 at ρ 0.5: ρS/(1−ρ) = 1 ms
    public void MgOne_MatchesTheClosedForms(double rate, double serviceMs, double cv2, double expectedMs)
    {
        var prediction = QueueingPrediction.Predict(rate, serviceMs, cv2, arrivalCv2: 1);

        Assert.Equal(expectedMs, prediction.MeanWaitingMs, 3);
        Assert.Equal(prediction.MeanWaitingMs, prediction.KingmanWaitingMs, 9); // Poisson arrivals: Kingman is exact
    }

    [Fact]
    public void Kingman_WithEvenArrivals_PredictsLessWaiting()
    {
        var poisson = QueueingPrediction.Predict(700, 1.0, 0.0, arrivalCv2: 1);
        var even = QueueingPrediction.Predict(700, 1.0, 0.0, arrivalCv2: 0);

        Assert.Equal(0, even.KingmanWaitingMs, 9); // D/D/1 below capacity never waits
        Assert.True(poisson.KingmanWaitingMs > even.KingmanWaitingMs);
    }

    [Fact]
    public void AtOrAboveCapacity_WaitingIsUnbounded()
    {
        var prediction = QueueingPrediction.Predict(1000, 1.0, 0.0, 1);

        Assert.Equal(1, prediction.Utilization, 9);
        Assert.True(double.IsPositiveInfinity(prediction.MeanWaitingMs));
    }

    [Fact]
    public void RateForWaiting_InvertsThePrediction()
    {
        var rate = QueueingPrediction.RateForWaiting(budgetMs: 0.5, meanServiceMs: 1.0, serviceCv2: 0);

        Assert.Equal(500, rate, 0);
    }

    [Fact]
    public void ServiceTime_AddsTheLoopsOverheadPerRequest()
    {
        var (mean, cv2) = ServiceTimeEstimate.From(requestAwakeMeanMs: 1.0, requestAwakeStdDevMs: 0.5, loopBusyMs: 1_200, requests: 1_000);

        Assert.Equal(1.2, mean, 9);
        Assert.Equal(0.25 / 1.44, cv2, 9);
    }
}
