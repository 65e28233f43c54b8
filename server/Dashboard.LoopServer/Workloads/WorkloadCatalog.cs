using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Dashboard.LoopServer.Workloads;

/// <summary>The problems of one catalog file; <see cref="File"/> is the file name within the catalog folder.</summary>
internal sealed record CatalogFileError(string File, ImmutableArray<WorkloadError> Errors)
{
    public override string ToString() => string.Join(Environment.NewLine, Errors.Select(e => $"{File}: {e}"));
}

/// <summary>
/// The named workloads that ship with the loop server: one <c>NAME.json</c> file per workload.
/// Loading validates every file and keeps going, so one bad file is reported without hiding the
/// others; the valid ones are available by name. Immutable once loaded.
/// </summary>
internal sealed class WorkloadCatalog
{
    private readonly FrozenDictionary<string, Workload> _byName;

    private WorkloadCatalog(string directory, ImmutableArray<Workload> workloads, ImmutableArray<CatalogFileError> errors)
    {
        Directory = directory;
        Workloads = workloads;
        Errors = errors;
        _byName = workloads.ToFrozenDictionary(w => w.Name, StringComparer.Ordinal);
    }

    /// <summary>The folder the catalog was read from.</summary>
    public string Directory { get; }

    /// <summary>Valid workloads, ordered by name.</summary>
    public ImmutableArray<Workload> Workloads { get; }

    /// <summary>One entry per file that could not be loaded (or per problem with the folder itself).</summary>
    public ImmutableArray<CatalogFileError> Errors { get; }

    /// <summary>Reads and validates every <c>*.json</c> file of the catalog folder.</summary>
    public static WorkloadCatalog Load(WorkloadCatalogOptions? options = null)
    {
        options = (options ?? new WorkloadCatalogOptions()).Validate();
        string directory = Path.GetFullPath(options.Directory ?? WorkloadCatalogOptions.DefaultDirectory);
        var workloads = new List<Workload>();
        var errors = new List<CatalogFileError>();
        if (!System.IO.Directory.Exists(directory))
        {
            errors.Add(FileError(".", $"the workload folder {directory} does not exist"));
            return new WorkloadCatalog(directory, [], [.. errors]);
        }

        var files = System.IO.Directory.EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Take(options.MaxFiles + 1)
            .ToList();
        if (files.Count > options.MaxFiles)
        {
            errors.Add(FileError(".", $"more than {options.MaxFiles} workload files; only the first {options.MaxFiles} (by name) were read"));
            files.RemoveAt(files.Count - 1);
        }

        foreach (string file in files)
        {
            if (LoadFile(file, options.Limits, out var error) is { } workload)
            {
                workloads.Add(workload);
            }
            else
            {
                errors.Add(error!);
            }
        }

        return new WorkloadCatalog(directory, [.. workloads.OrderBy(w => w.Name, StringComparer.Ordinal)], [.. errors]);
    }

    public bool TryGet(string name, [NotNullWhen(true)] out Workload? workload) =>
        _byName.TryGetValue(name, out workload);

    private static Workload? LoadFile(string file, WorkloadLimits limits, out CatalogFileError? error)
    {
        string fileName = Path.GetFileName(file);
        error = null;
        byte[] bytes;
        try
        {
            long length = new FileInfo(file).Length;
            if (length > limits.MaxDocumentBytes)
            {
                error = FileError(fileName, $"the file is {length} bytes, over the limit of {limits.MaxDocumentBytes}");
                return null;
            }

            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = FileError(fileName, $"cannot read the file: {e.Message}");
            return null;
        }

        var result = WorkloadParser.Parse(bytes, limits);
        if (!result.Success)
        {
            error = new CatalogFileError(fileName, result.Errors);
            return null;
        }

        // The file name is the workload's name, so a listing of the folder is a listing of the catalog.
        string expectedName = Path.GetFileNameWithoutExtension(file);
        if (!string.Equals(result.Workload.Name, expectedName, StringComparison.Ordinal))
        {
            error = new CatalogFileError(fileName,
                [new WorkloadError("name", $"\"{result.Workload.Name}\" does not match the file name; expected \"{expectedName}\"")]);
            return null;
        }

        return result.Workload;
    }

    private static CatalogFileError FileError(string file, string message) =>
        new(file, [new WorkloadError("", message)]);
}
