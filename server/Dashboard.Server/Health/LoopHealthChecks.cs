using System.Diagnostics;
using Dashboard.Server.Loop;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Health;

/// <summary>Every loop's thread is running (liveness: a stopped loop does not come back by itself).</summary>
internal sealed class LoopRunningCheck(EventLoopHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stopped = host.Loops.Where(l => !l.IsRunning).Select(l => l.Options.Name).ToArray();
        return Task.FromResult(host.Loops.Count > 0 && stopped.Length == 0
            ? HealthCheckResult.Healthy($"{host.Loops.Count} loop(s) running")
            : HealthCheckResult.Unhealthy(stopped.Length > 0 ? $"stopped: {string.Join(", ", stopped)}" : "no loop has started"));
    }
}

/// <summary>
/// Every loop runs a probe callback within Health:LoopProbeTimeout (readiness: a stalled loop
/// answers nothing in time). One probe per loop is outstanding at most: while a stall lasts, later
/// checks report how long it has, and queue nothing more on the loop.
/// </summary>
internal sealed class LoopResponsiveCheck(EventLoopHost host, IOptions<HealthOptions> options) : IHealthCheck
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Probe> _pending = [];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bound = options.Value.LoopProbeTimeout;
        var probes = host.Loops.Where(l => l.IsRunning).Select(ProbeOf).ToArray();
        var answered = Task.WhenAll(probes.Select(p => p.Answered.Task));
        var deadline = probes.Length == 0 ? TimeSpan.Zero : probes.Min(p => bound - Stopwatch.GetElapsedTime(p.PostedAt));
        if (deadline > TimeSpan.Zero)
        {
            await Task.WhenAny(answered, Task.Delay(deadline, cancellationToken)).ConfigureAwait(false);
        }

        var stalled = probes.Where(p => !p.Answered.Task.IsCompleted).ToArray();
        if (stalled.Length == 0)
        {
            var slowest = probes.Length == 0 ? 0 : probes.Max(p => p.Answered.Task.Result.TotalMilliseconds);
            return HealthCheckResult.Healthy($"every loop ran a probe within {bound.TotalMilliseconds:0} ms (slowest {slowest:0.###} ms)");
        }

        var worst = stalled.MaxBy(p => Stopwatch.GetElapsedTime(p.PostedAt))!;
        return HealthCheckResult.Unhealthy(
            $"loop {worst.Loop} has not run a probe for {Stopwatch.GetElapsedTime(worst.PostedAt).TotalMilliseconds:0} ms (Health:LoopProbeTimeout {bound.TotalMilliseconds:0} ms): a step holds it");
    }

    private Probe ProbeOf(EventLoop.EventLoop loop)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(loop.Index, out var pending) && !pending.Answered.Task.IsCompleted)
            {
                return pending;
            }

            var probe = new Probe(loop.Index, Stopwatch.GetTimestamp(), new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously));
            _pending[loop.Index] = probe;
            loop.CallSoon(static state => ((Probe)state!).Ran(), probe);
            return probe;
        }
    }

    private sealed record Probe(int Loop, long PostedAt, TaskCompletionSource<TimeSpan> Answered)
    {
        public void Ran() => Answered.TrySetResult(Stopwatch.GetElapsedTime(PostedAt));
    }
}

/// <summary>The embedded loop server is listening.</summary>
internal sealed class LoopServerListeningCheck(LoopServerHost server) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(server.Server?.EndPoint is { } endPoint
            ? HealthCheckResult.Healthy($"listening on {endPoint}")
            : HealthCheckResult.Unhealthy("the loop server is not listening"));
}
