using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Engine;

namespace Dashboard.Load.Tests.Support;

/// <summary>Builds short scenarios and engines pointed at a <see cref="TestHttpServer"/>.</summary>
internal static class TestScenarios
{
    public static LoadEngine EngineFor(TestHttpServer server, Action<LoadEngineOptions>? configure = null)
    {
        var options = new LoadEngineOptions { LoopServerAddress = server.BaseAddress };
        configure?.Invoke(options);
        return new LoadEngine(options);
    }

    public static ScenarioDefinition Inject(double rate, string during, int connections = 10) => new()
    {
        Name = "test",
        Target = new ScenarioTarget { Workload = "hello" },
        Phases = [new LoadSimulation { Inject = new InjectSimulation { Rate = rate, During = during } }],
        Connections = connections,
        Interval = "200ms",
    };

    public static ScenarioDefinition KeepConstant(int copies, string during, int connections) => new()
    {
        Name = "test",
        Target = new ScenarioTarget { Workload = "hello" },
        Phases = [new LoadSimulation { KeepConstant = new ConstantSimulation { Copies = copies, During = during } }],
        Connections = connections,
        Interval = "200ms",
    };
}
