using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Dashboard.LoopServer.Workloads;

/// <summary>A workload, or every problem found in the document (never both).</summary>
internal sealed class WorkloadParseResult
{
    private WorkloadParseResult(Workload? workload, ImmutableArray<WorkloadError> errors)
    {
        Workload = workload;
        Errors = errors;
    }

    public Workload? Workload { get; }

    public ImmutableArray<WorkloadError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Workload))]
    public bool Success => Workload is not null;

    public static WorkloadParseResult Ok(Workload workload) => new(workload, []);

    public static WorkloadParseResult Failed(ImmutableArray<WorkloadError> errors) =>
        errors.IsDefaultOrEmpty
            ? throw new ArgumentException("A failed parse needs at least one error.", nameof(errors))
            : new(null, errors);

    /// <summary>The errors, one per line, as a person reads them.</summary>
    public string DescribeErrors() => string.Join(Environment.NewLine, Errors);
}
