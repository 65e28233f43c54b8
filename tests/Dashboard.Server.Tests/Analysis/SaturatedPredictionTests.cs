using System.Text.Json;
using Dashboard.EventLoop;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Tests.Analysis;

public sealed class SaturatedPredictionTests
{
    [Fact]
    public void SaturatedLoop_PredictsNoSteadyStateAsNullAndStillSerializes()
    {
        var window = new RunTaskWindow("r1", new RunOptions(), seed: 1);
        for (var i = 0; i < 100; i++)
        {
            var ticks = LoopClock.FromTimeSpan(TimeSpan.FromMilliseconds(10));
            window.OnRecord(new TaskRecord
            {
                Id = i + 1,
                ParentId = 0,
                Name = "GET /w/cpu-bound",
                Kind = "cpu-bound",
                Tag = $"r1-{i:D12}",
                Outcome = TaskOutcome.RanToCompletion,
                CreatedTimestamp = 0,
                CompletedTimestamp = ticks,
                AwakeTicks = ticks,
                WaitingTicks = 0,
                AsleepTicks = 0,
            });
        }

        // 100 requests of 10 ms in half a second: twice what one loop can serve.
        var prediction = window.Prediction(0.5, Arrivals.Poisson);

        Assert.NotNull(prediction);
        Assert.True(prediction.Utilization >= 1);
        Assert.Null(prediction.PredictedMgOneMs);
        Assert.Null(prediction.PredictedKingmanMs);
        var json = JsonSerializer.Serialize(prediction, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Contains("\"predictedMgOneMs\":null", json);
    }
}
