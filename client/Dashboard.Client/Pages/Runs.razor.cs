namespace Dashboard.Client.Pages;

/// <summary>
/// The runs page: the run history with each run's key figures. Prerendered, then live from the
/// shared <see cref="Live.RunsView"/> feed: a new run appears, a running one's status and figures
/// move, an ended one shows its result, without a reload.
/// </summary>
public partial class Runs;
