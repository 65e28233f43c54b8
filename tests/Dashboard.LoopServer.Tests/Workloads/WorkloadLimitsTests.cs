using Dashboard.LoopServer.Workloads;

namespace Dashboard.LoopServer.Tests.Workloads;

public sealed class WorkloadLimitsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        var limits = WorkloadLimits.Default.Validate();

        Assert.Equal(8, limits.MaxNestingDepth);
        Assert.Equal(64, limits.MaxGatherBranches);
        Assert.Equal(1_000, limits.MaxChildTasks);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.MaxSingleDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.MaxRequestDuration);
    }

    [Fact]
    public void Validate_SeveralValuesOutOfRange_NamesEveryOne()
    {
        var limits = new WorkloadLimits { MaxNestingDepth = 0, MaxSingleDuration = TimeSpan.Zero, MaxErrors = -1 };

        var e = Assert.Throws<ArgumentException>(() => limits.Validate());

        Assert.Contains("MaxNestingDepth is 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxSingleDuration is 00:00:00", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxErrors is -1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultPoolSizeAboveMax_Throws()
    {
        var limits = new WorkloadLimits { MaxPoolSize = 2, DefaultPoolSize = 4 };

        Assert.Contains("DefaultPoolSize", Assert.Throws<ArgumentException>(() => limits.Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CatalogOptionsWithBadMaxFiles_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WorkloadCatalogOptions { MaxFiles = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new WorkloadCatalogOptions { Limits = new WorkloadLimits { MaxSteps = 0 } }.Validate());
    }
}
