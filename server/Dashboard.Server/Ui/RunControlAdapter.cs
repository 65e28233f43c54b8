using Dashboard.Contracts.Runs;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Ui;

/// <summary>The live page's controls: the same rules as the stop and change endpoints.</summary>
internal sealed class RunControlAdapter(RunManager runs) : IRunControl
{
    public RunInfo? Stop(string runId)
    {
        if (runs.Find(runId) is not { } run)
        {
            return null;
        }

        run.Stop();
        return run.Info();
    }

    public IReadOnlyList<FieldError> Change(string runId, RunChange change) =>
        runs.Find(runId) is { } run
            ? run.Change(change)
            : [new FieldError("id", $"no run with id '{runId}'")];

    public IReadOnlyList<FieldError> Check(string runId, RunChange change) =>
        runs.Find(runId) is { } run
            ? run.Check(change)
            : [new FieldError("id", $"no run with id '{runId}'")];
}
