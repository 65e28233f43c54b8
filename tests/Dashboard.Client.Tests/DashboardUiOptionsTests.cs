namespace Dashboard.Client.Tests;

public sealed class DashboardUiOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(new DashboardUiOptions().Validate());

    [Fact]
    public void Validate_EveryFieldOutOfRange_NamesEachField()
    {
        var options = new DashboardUiOptions
        {
            ChartWindowPoints = 1,
            MaxKindRows = 0,
            MaxSlowStepRows = -1,
            MaxSampleRows = 0,
            MaxRunRows = 0,
            MaxStoryChildren = 1_001,
            MaxTimelineRows = -1,
            MaxBlockerRows = 0,
            MaxSweepRows = 1_001,
            LiveRefresh = TimeSpan.FromMilliseconds(20),
            DisconnectedCircuitsKept = -1,
            DisconnectedCircuitRetention = TimeSpan.FromSeconds(1),
            UnacknowledgedRenderBatches = 0,
        };

        var errors = options.Validate();

        Assert.Equal(13, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:ChartWindowPoints:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:MaxKindRows:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:MaxSlowStepRows:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:MaxSampleRows:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:MaxRunRows:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:MaxStoryChildren:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:MaxTimelineRows:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:MaxBlockerRows:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:MaxSweepRows:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:LiveRefresh:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:DisconnectedCircuitsKept:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:DisconnectedCircuitRetention:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DashboardUi:UnacknowledgedRenderBatches:", StringComparison.Ordinal));
    }
}
