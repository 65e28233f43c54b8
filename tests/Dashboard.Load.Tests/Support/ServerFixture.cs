namespace Dashboard.Load.Tests.Support;

/// <summary>One warmed-up test server per test class; each test resets it in its constructor.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    internal TestHttpServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestHttpServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
