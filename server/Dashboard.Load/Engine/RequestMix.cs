using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Engine;

/// <summary>Picks a request kind at random in proportion to the kinds' weights.</summary>
internal sealed class RequestMix
{
    private readonly double[] _cumulative;

    public RequestMix(IReadOnlyList<RequestKindPlan> kinds)
    {
        _cumulative = new double[kinds.Count];
        double sum = 0;
        for (int i = 0; i < kinds.Count; i++)
        {
            sum += kinds[i].Weight;
            _cumulative[i] = sum;
        }
    }

    public int Count => _cumulative.Length;

    public int Pick(Random random)
    {
        if (_cumulative.Length == 1)
        {
            return 0;
        }

        double x = random.NextDouble() * _cumulative[^1];
        int index = Array.BinarySearch(_cumulative, x);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, _cumulative.Length - 1);
    }
}
