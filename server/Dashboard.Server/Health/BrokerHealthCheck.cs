using Dashboard.Server.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Server.Health;

/// <summary>
/// The coordinator is connected to its NATS broker (readiness: without it no agent can be reached).
/// Healthy when no broker is configured: the dashboard then coordinates no agents.
/// </summary>
internal sealed class BrokerHealthCheck(AgentDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = directory.Status();
        return Task.FromResult(
            !status.Configured ? HealthCheckResult.Healthy("no broker configured (Distributed:Nats): no agents")
            : status.Connected ? HealthCheckResult.Healthy($"connected to the NATS broker at {status.Broker}; {status.Agents.Count(a => a.State == Contracts.Agents.AgentStates.Live)} agent(s) live")
            : HealthCheckResult.Unhealthy(status.Problem));
    }
}
