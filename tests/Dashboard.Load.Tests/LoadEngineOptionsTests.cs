namespace Dashboard.Load.Tests;

public sealed class LoadEngineOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        new LoadEngineOptions().Validate();
    }

    public static TheoryData<Action<LoadEngineOptions>, string> BadSettings => new()
    {
        { o => o.MaxRate = 0, nameof(LoadEngineOptions.MaxRate) },
        { o => o.MaxConnections = -1, nameof(LoadEngineOptions.MaxConnections) },
        { o => o.MaxTotalDuration = TimeSpan.Zero, nameof(LoadEngineOptions.MaxTotalDuration) },
        { o => o.MaxInterval = TimeSpan.FromMilliseconds(10), nameof(LoadEngineOptions.MaxInterval) },
        { o => o.SchedulerSpinThreshold = TimeSpan.FromSeconds(1), nameof(LoadEngineOptions.SchedulerSpinThreshold) },
        { o => o.ReceiveBufferBytes = 100, nameof(LoadEngineOptions.ReceiveBufferBytes) },
        { o => o.LoopServerAddress = new Uri("https://127.0.0.1:5080"), nameof(LoadEngineOptions.LoopServerAddress) },
        { o => o.AllowedTargetOrigins = ["not a url"], nameof(LoadEngineOptions.AllowedTargetOrigins) },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_BadSetting_NamesIt(Action<LoadEngineOptions> configure, string setting)
    {
        var options = new LoadEngineOptions();
        configure(options);
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
    }
}
