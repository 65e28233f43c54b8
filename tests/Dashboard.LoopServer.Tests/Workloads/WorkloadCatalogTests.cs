using Dashboard.LoopServer.Workloads;

namespace Dashboard.LoopServer.Tests.Workloads;

public sealed class WorkloadCatalogTests : IDisposable
{
    private static readonly string[] ShippedNames =
    [
        "blocker", "cpu-bound", "fire-and-forget", "gathered", "hello", "io-bound",
        "json-heavy", "mixed", "offloaded", "pooled-backend", "process-offloaded", "sequential",
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workload-catalog-" + Guid.NewGuid().ToString("N"));

    public WorkloadCatalogTests()
    {
        Directory.CreateDirectory(_directory);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Load_ShippedCatalog_EveryFileValidates()
    {
        var catalog = WorkloadCatalog.Load();

        Assert.Empty(catalog.Errors);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "workloads"), catalog.Directory);
        Assert.Equal(Directory.GetFiles(catalog.Directory, "*.json").Length, catalog.Workloads.Length);
        Assert.Subset(catalog.Workloads.Select(w => w.Name).ToHashSet(), ShippedNames.ToHashSet());
        Assert.All(catalog.Workloads, w => Assert.False(string.IsNullOrWhiteSpace(w.Description), w.Name));
    }

    [Fact]
    public void Load_ShippedCatalog_WorkloadsShowWhatTheirNamesSay()
    {
        var catalog = WorkloadCatalog.Load();
        Workload Get(string name) => catalog.TryGet(name, out var w) ? w : throw new KeyNotFoundException(name);

        Assert.Equal(default, Get("hello").Expected);
        Assert.True(Get("io-bound").Expected.Asleep > 10 * Get("io-bound").Expected.Awake);
        Assert.Equal(Get("cpu-bound").Expected.Awake, Get("offloaded").Expected.Asleep);
        Assert.Equal(TimeSpan.Zero, Get("offloaded").Expected.LoopAwake);
        Assert.Equal(Get("cpu-bound").Expected.Awake, Get("process-offloaded").Expected.Asleep);
        Assert.Equal(TimeSpan.Zero, Get("process-offloaded").Expected.LoopAwake);
        Assert.Equal(Get("sequential").Expected.LoopAwake, Get("gathered").Expected.LoopAwake);
        Assert.True(Get("gathered").Expected.Elapsed < Get("sequential").Expected.Elapsed / 1.5);
        Assert.True(Get("fire-and-forget").Expected.Settled > 10 * Get("fire-and-forget").Expected.Elapsed);
        Assert.Contains(Get("pooled-backend").Steps, s => s is PoolStep);
        Assert.True(Get("json-heavy").Expected.JsonBytes >= 100_000);
        Assert.True(Get("blocker").Expected.Awake >= TimeSpan.FromMilliseconds(100));
        Assert.Equal(42, Get("mixed").Seed);
    }

    [Fact]
    public void Load_FolderWithBadFiles_ReportsEachFileAndKeepsTheGoodOnes()
    {
        Write("good.json", """{"name": "good", "steps": [{"cpu": "1ms"}]}""");
        Write("bad.json", """{"name": "bad", "steps": [{"cpu": "fast"}, {"sleeep": "1ms"}]}""");
        Write("broken.json", "{ not json");
        Write("other.json", """{"name": "renamed", "steps": []}""");
        Write("ignored.txt", "not a workload");

        var catalog = WorkloadCatalog.Load(new WorkloadCatalogOptions { Directory = _directory });

        Assert.Equal(["good"], catalog.Workloads.Select(w => w.Name));
        Assert.Equal(["bad.json", "broken.json", "other.json"], catalog.Errors.Select(e => e.File));
        Assert.Equal(["steps[0].cpu", "steps[1]"], catalog.Errors[0].Errors.Select(e => e.Path));
        Assert.StartsWith("invalid JSON", catalog.Errors[1].Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal("name: \"renamed\" does not match the file name; expected \"other\"", catalog.Errors[2].Errors.Single().ToString());
        Assert.StartsWith("bad.json: steps[0].cpu: expected a duration", catalog.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryGet_UnknownOrDifferentCase_NotFound()
    {
        Write("good.json", """{"name": "good", "steps": []}""");
        var catalog = WorkloadCatalog.Load(new WorkloadCatalogOptions { Directory = _directory });

        Assert.True(catalog.TryGet("good", out var found));
        Assert.Equal("good", found.Name);
        Assert.False(catalog.TryGet("Good", out _));
        Assert.False(catalog.TryGet("missing", out _));
    }

    [Fact]
    public void Load_MissingFolder_ReportsIt()
    {
        var catalog = WorkloadCatalog.Load(new WorkloadCatalogOptions { Directory = Path.Combine(_directory, "nope") });

        Assert.Empty(catalog.Workloads);
        Assert.Contains("does not exist", Assert.Single(catalog.Errors).Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MoreFilesThanAllowed_ReadsTheFirstByName()
    {
        foreach (string name in (string[])["a", "b", "c"])
        {
            Write(name + ".json", $$"""{"name": "{{name}}", "steps": []}""");
        }

        var catalog = WorkloadCatalog.Load(new WorkloadCatalogOptions { Directory = _directory, MaxFiles = 2 });

        Assert.Equal(["a", "b"], catalog.Workloads.Select(w => w.Name));
        Assert.Contains("more than 2 workload files", Assert.Single(catalog.Errors).Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOverTheSizeLimit_ReportedWithoutParsing()
    {
        Write("big.json", """{"name": "big", "steps": []}""" + new string(' ', 200));

        var catalog = WorkloadCatalog.Load(new WorkloadCatalogOptions
        {
            Directory = _directory,
            Limits = new WorkloadLimits { MaxDocumentBytes = 100 },
        });

        Assert.Contains("over the limit of 100", Assert.Single(catalog.Errors).Errors.Single().Message, StringComparison.Ordinal);
    }

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_directory, file), text);
}
