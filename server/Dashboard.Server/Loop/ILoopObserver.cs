using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;

namespace Dashboard.Server.Loop;

/// <summary>Gets every completed-task record and loop interval from <see cref="LoopTelemetry"/> (on its reader thread).</summary>
internal interface ILoopObserver
{
    void OnRecord(TaskRecord record);

    /// <summary>A loop interval, with where it began and ended on the loop's clock (<see cref="LoopClock"/>).</summary>
    void OnInterval(LoopInterval interval, long startTimestamp, long endTimestamp);
}
