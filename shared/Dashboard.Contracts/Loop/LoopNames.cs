using System.Globalization;

namespace Dashboard.Contracts.Loop;

/// <summary>How every page, chart, report and breakdown names one loop of several.</summary>
public static class LoopNames
{
    /// <summary>"loop 0", "loop 1", …</summary>
    public static string Of(int index) => "loop " + index.ToString(CultureInfo.InvariantCulture);
}
