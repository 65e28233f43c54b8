using Bunit;
using Dashboard.Client.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests.Live;

/// <summary>What every live page test needs of bunit: an interactive renderer and a chart module that answers every call.</summary>
internal static class LiveCircuit
{
    public const string ChartModule = "./_content/Dashboard.Client/js/charts.js";

    /// <summary>Makes <paramref name="context"/> render as a live circuit; answers the chart module whose calls the test reads.</summary>
    public static BunitJSModuleInterop Start(BunitContext context)
    {
        context.Services.AddScoped<ChartInterop>();
        var charts = context.JSInterop.SetupModule(ChartModule);
        charts.SetupModule("create", _ => true);
        charts.SetupVoid("update", _ => true).SetVoidResult();
        charts.SetupVoid("dispose", _ => true).SetVoidResult();
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return charts;
    }
}
