using Dashboard.Contracts.Agents;
using Dashboard.Server.Configuration;

namespace Dashboard.Server.Distributed;

/// <summary>The dashboard's side of the agents: the directory, the broker link, and <c>GET /api/agents</c>.</summary>
internal static class CoordinatorServices
{
    public static IServiceCollection AddAgentCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DistributedOptions>(configuration, DistributedOptions.SectionName, o => o.Validate());
        services.AddSingleton<AgentDirectory>();
        services.AddSingleton<IAgentDirectory>(sp => sp.GetRequiredService<AgentDirectory>());
        services.AddSingleton<CoordinatorLink>();
        services.AddHostedService(sp => sp.GetRequiredService<CoordinatorLink>());
        services.AddSingleton<AgentRuns>();
        return services;
    }

    public static void MapAgentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The broker and every agent heard of: live, lost or departed (bounded by Distributed:MaxAgents).
        endpoints.MapGet("/api/agents", (AgentDirectory directory) => Results.Ok(directory.Status()));
    }
}
