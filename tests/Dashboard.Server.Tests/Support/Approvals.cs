using System.Runtime.CompilerServices;

namespace Dashboard.Server.Tests.Support;

/// <summary>
/// Approved snapshot files (as BenchmarkDotNet checks its exporters): the output must equal the
/// approved file byte for byte. On a difference, or with no approved file yet, the output is
/// written beside it as NAME.received.EXT and the test fails; review it and rename it to approve.
/// </summary>
internal static class Approvals
{
    public static void Verify(string actual, string approvedName, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "Approved");
        var approvedPath = Path.Combine(folder, approvedName);
        var receivedPath = Path.Combine(folder, ReceivedName(approvedName));
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;
        if (approved == actual)
        {
            if (File.Exists(receivedPath))
            {
                File.Delete(receivedPath);
            }

            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(approved is null
            ? $"no approved file {approvedPath}; the output is in {receivedPath}: review it and rename it to approve"
            : $"the output differs from {approvedPath} at character {FirstDifference(approved, actual)}; see {receivedPath}");
    }

    private static string ReceivedName(string approvedName) =>
        approvedName.Contains(".approved.", StringComparison.Ordinal)
            ? approvedName.Replace(".approved.", ".received.", StringComparison.Ordinal)
            : approvedName + ".received";

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return length;
    }
}
