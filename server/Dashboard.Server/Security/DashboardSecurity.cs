using Dashboard.Server.Configuration;

namespace Dashboard.Server.Security;

/// <summary>
/// The dashboard's protections in one place: security headers on every answer, only the names it
/// is bound to (DNS rebinding), no cross-site state changes, a token when reachable from elsewhere.
/// </summary>
internal static class DashboardSecurity
{
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services, IConfiguration configuration, string defaultUrl)
    {
        services.AddValidatedOptions<DashboardSecurityOptions>(configuration, DashboardSecurityOptions.SectionName, o => o.Validate());
        services.AddSingleton(_ => BoundAddresses.From(configuration["urls"], defaultUrl));
        services.AddSingleton<HostGuard>();
        services.AddSingleton<DashboardAccess>();
        services.AddHostedService<LoginAnnouncement>();
        return services;
    }

    /// <summary>Before every endpoint: the headers (so refusals carry them too), the host, the site, the token.</summary>
    public static IApplicationBuilder UseDashboardSecurity(this IApplicationBuilder app)
    {
        app.UseSecurityHeaders();
        app.Use(async (context, next) =>
        {
            var guard = context.RequestServices.GetRequiredService<HostGuard>();
            if (!guard.Answers(context.Request.Host))
            {
                await CrossSiteGuard.Refuse(context, StatusCodes.Status400BadRequest, "unknown host", "Host", guard.Refusal(context.Request.Host));
                return;
            }

            await next(context);
        });
        app.UseCrossSiteGuard();
        return app.UseTokenGate();
    }
}
