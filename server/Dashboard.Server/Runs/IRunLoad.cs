using Dashboard.Contracts.Runs;
using Dashboard.Load.Engine;
using Dashboard.Load.Statistics;

namespace Dashboard.Server.Runs;

/// <summary>
/// What drives a run's load, as <see cref="ManagedRun"/> steers it: this dashboard's own engine
/// (<see cref="LocalRunLoad"/>), or agents on other machines coordinated through the broker.
/// </summary>
internal interface IRunLoad
{
    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp the measured part starts at (after a warm-up).</summary>
    long MeasuredFromTimestamp { get; }

    /// <summary>The phase running now (its NBomber name), or "drain".</summary>
    string CurrentPhase { get; }

    double ElapsedSeconds { get; }

    /// <summary>Completes with the whole run's figures once it has ended and drained.</summary>
    Task<RunSummary> Completion { get; }

    void Stop();

    /// <summary>Ends the run early as completed, saying why.</summary>
    void Finish(string reason);

    void SetRate(double rate);

    void SetCopies(int copies);

    string? RateRefusal(double rate);

    string? CopiesRefusal(int copies);

    /// <summary>The agents of a run on agents, with their figures; null for this dashboard's own engine.</summary>
    IReadOnlyList<RunAgent>? Agents();
}

/// <summary>This dashboard's own engine's run.</summary>
internal sealed class LocalRunLoad(LoadRun load) : IRunLoad
{
    public long MeasuredFromTimestamp => load.MeasuredFromTimestamp;

    public string CurrentPhase => load.CurrentPhase;

    public double ElapsedSeconds => load.ElapsedSeconds;

    public Task<RunSummary> Completion => load.Completion;

    public void Stop() => load.Stop();

    public void Finish(string reason) => load.Finish(reason);

    public void SetRate(double rate) => load.SetRate(rate);

    public void SetCopies(int copies) => load.SetCopies(copies);

    public string? RateRefusal(double rate) => load.RateRefusal(rate);

    public string? CopiesRefusal(int copies) => load.CopiesRefusal(copies);

    public IReadOnlyList<RunAgent>? Agents() => null;
}
