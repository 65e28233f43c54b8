namespace Dashboard.Server;

/// <summary>Entry-point marker for WebApplicationFactory in tests (Program is top-level).</summary>
public sealed class DashboardMarker;
