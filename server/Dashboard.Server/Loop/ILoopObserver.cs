using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;

namespace Dashboard.Server.Loop;

/// <summary>Gets every completed-task record and loop interval from <see cref="LoopTelemetry"/> (on its reader thread).</summary>
internal interface ILoopObserver
{
    void OnRecord(TaskRecord record);

    void OnInterval(LoopInterval interval);
}
