using Dashboard.Load.Engine;
using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Tests.Engine;

public sealed class RequestMixTests
{
    [Fact]
    public void Pick_FollowsWeights()
    {
        var mix = new RequestMix([Kind("a", 1), Kind("b", 3), Kind("c", 6)]);
        var random = new Random(1);
        var counts = new int[3];
        for (int i = 0; i < 100_000; i++)
        {
            counts[mix.Pick(random)]++;
        }

        Assert.InRange(counts[0], 9_500, 10_500);
        Assert.InRange(counts[1], 29_000, 31_000);
        Assert.InRange(counts[2], 59_000, 61_000);
    }

    [Fact]
    public void Pick_SingleKind_IsAlwaysIt()
    {
        var mix = new RequestMix([Kind("only", 5)]);
        Assert.Equal(0, mix.Pick(new Random(2)));
    }

    private static RequestKindPlan Kind(string name, double weight) => new(name, weight, "GET", "/", [], null);
}
