namespace Dashboard.LoopServer.Workloads;

/// <summary>One problem in a workload document.</summary>
/// <param name="Path">Where: <c>steps[2].gather[0][1].cpu</c>; empty for the document as a whole.</param>
/// <param name="Message">What is wrong and what was expected.</param>
internal sealed record WorkloadError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
