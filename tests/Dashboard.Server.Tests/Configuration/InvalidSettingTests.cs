using Dashboard.Server.Tests.FirstRun;

namespace Dashboard.Server.Tests.Configuration;

/// <summary>The README's run command with a bad setting: a plain message naming it at the end, and exit code 2.</summary>
[Collection(Sweeps.TimingCollection.Name)]
public sealed class InvalidSettingTests
{
    [Theory]
    [InlineData("--LoopServer:Loops 99", "LoopServer:Loops: expected 1..")]
    [InlineData("--LoopServer:ShutdownGracePeriod soon", "'soon' at 'LoopServer:ShutdownGracePeriod'")]
    public async Task RunCommand_BadSetting_Exits2NamingIt(string setting, string expected)
    {
        var data = Path.Combine(Path.GetTempPath(), "dashboard-bad-setting-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output) = await RepositoryCommand.RunAsync(
                $"dotnet run --project server/Dashboard.Server -- --urls http://127.0.0.1:0 --LoopServer:Port=0 --Storage:DataDirectory {data} {setting}",
                TimeSpan.FromMinutes(2.5));

            Assert.Equal(Cli.CommandLineEntry.InvalidInput, code);
            var lastLines = string.Join('\n', output.TrimEnd().Split('\n').TakeLast(3));
            Assert.Contains("The dashboard did not start: invalid configuration.", lastLines, StringComparison.Ordinal);
            Assert.Contains(expected, lastLines, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
