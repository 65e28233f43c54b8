namespace Dashboard.Load.Scenarios;

/// <summary>Collects problems up to a bound, so a pathological document cannot make the answer
/// unbounded; the overflow is summed up in one last line.</summary>
internal sealed class ValidationErrors(int max)
{
    private readonly List<ScenarioError> _errors = [];
    private int _omitted;

    public int Count => _errors.Count + _omitted;

    public void Add(string path, string message)
    {
        if (_errors.Count < max)
        {
            _errors.Add(new ScenarioError(path.Length == 0 ? "$" : path, message));
        }
        else
        {
            _omitted++;
        }
    }

    public IReadOnlyList<ScenarioError> ToList()
    {
        if (_omitted == 0)
        {
            return _errors.ToArray();
        }

        return [.. _errors, new ScenarioError("$", $"{_omitted} more problem(s) not listed")];
    }
}
