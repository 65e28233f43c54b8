namespace Dashboard.Server.Configuration;

/// <summary>
/// The one rule for a path a user types (a scenario file, <c>--out</c>, <c>Storage:DataDirectory</c>,
/// <c>Scenarios:Directory</c>): relative to the folder the user ran the command in. That folder is
/// the process's current directory however it was started: the published binary and the container
/// inherit it, and <c>dotnet run --project</c> is told to keep it (RunWorkingDirectory in the
/// project file; the Web SDK would otherwise start the program in the project's folder). Files
/// that ship with the program (appsettings.json, the catalogs) are found from
/// <see cref="AppContext.BaseDirectory"/> instead, never from the current directory.
/// </summary>
internal static class UserPaths
{
    public static string Resolve(string path) => Path.GetFullPath(path, Environment.CurrentDirectory);
}
