using Dashboard.Client.Formatting;
using Dashboard.Client.Launching;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>
/// The launch page, interactive over the circuit: the scenario catalog with each load shape, and
/// a form whose fields and JSON view stay in step (<see cref="LaunchDraft"/>). Every keystroke is
/// checked by the server's own validator and each problem shows next to its field; Start is
/// offered only for a scenario that validates, and lands on the run's live page.
/// </summary>
public partial class Launch
{
    private LaunchDraft _draft = default!;
    private bool _starting;
    private bool _jsonOpened;

    [Inject]
    private IScenarioCatalog Catalog { get; set; } = default!;

    [Inject]
    private IRunLauncher Launcher { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private Dashboard.Contracts.Agents.IAgentDirectory AgentDirectory { get; set; } = default!;

    /// <summary>The agents field, for a dashboard that coordinates agents (Distributed:Nats).</summary>
    private bool AgentsConfigured { get; set; }

    [Inject]
    private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;

    /// <summary>The scenario chosen from the catalog by its link (<c>/?scenario=NAME</c>).</summary>
    [SupplyParameterFromQuery(Name = "scenario")]
    private string? Chosen { get; set; }

    private IReadOnlyList<ScenarioSummary> Scenarios { get; set; } = [];

    private IReadOnlyList<string> Problems { get; set; } = [];

    private LaunchDraft Draft => _draft;

    private int MaxJsonChars => UiOptions.Value.MaxScenarioChars;

    /// <summary>Open once the JSON has a problem of its own, so the person sees it; the person may open it any time.</summary>
    private bool JsonOpen => _jsonOpened |= Draft.Errors.ContainsKey(LaunchField.Json);

    /// <summary>The rate field for open-model scenarios (and while there is no scenario to tell).</summary>
    private bool ShowsRate => Draft.Base is not { } b || b.Shape.Any(p => p.IsOpen) || !b.Shape.Any(p => p.IsClosed);

    private bool ShowsUsers => Draft.Base is { } b && b.Shape.Any(p => p.IsClosed);

    protected override void OnInitialized()
    {
        Scenarios = Catalog.Scenarios();
        AgentsConfigured = AgentDirectory.Status().Configured;
        Problems = Catalog.Problems();
        _draft = new LaunchDraft(Launcher, MaxJsonChars);
    }

    protected override void OnParametersSet()
    {
        // First render, or a catalog link clicked on this page: start from that scenario (else the first).
        var chosen = Find(Chosen) ?? (Draft.Chosen is null && !Draft.EditedByHand ? Scenarios.FirstOrDefault() : null);
        if (chosen is not null && chosen.Name != Draft.Chosen)
        {
            Draft.Choose(chosen);
        }
    }

    private void ChooseAsync(ChangeEventArgs change)
    {
        if (Find(change.Value as string) is not { } scenario)
        {
            return;
        }

        Draft.Choose(scenario);
        // The address says which scenario is chosen, so a reload or a shared link shows the same.
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("scenario", scenario.Name), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private void Set(string field, string? text) => Draft.SetField(field, text);

    private void EditJson(ChangeEventArgs change) => Draft.EditJson(change.Value as string);

    private async Task StartAsync()
    {
        if (!Draft.CanStart || _starting)
        {
            return;
        }

        _starting = true;
        try
        {
            var result = await Launcher.StartAsync(Draft.Json);
            if (result.RunId is { } id)
            {
                Navigation.NavigateTo(Links.Run(id));
                return;
            }

            Draft.Refused(result.Errors);
        }
        finally
        {
            _starting = false;
        }
    }

    private IReadOnlyList<string> MessagesFor(string field) => Draft.Errors.TryGetValue(field, out var messages) ? messages : [];

    private string? Invalid(string field) => Draft.Errors.ContainsKey(field) ? "true" : null;

    private ScenarioSummary? Find(string? name) =>
        name is null ? null : Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    private static string PeakRateText(ScenarioSummary? scenario)
    {
        var peak = scenario?.PeakRate ?? 0;
        return peak > 0 ? FigureFormat.Compact(peak) : "no inject phase";
    }

    private static string PeakUsersText(ScenarioSummary? scenario) =>
        FigureFormat.Count(scenario?.PeakUsers ?? 0);

    /// <summary>The scenario's own agents, or where it runs without: this dashboard.</summary>
    private static string AgentsText(ScenarioSummary? scenario) => scenario?.Definition.Agents?.ToString() ?? "none: this dashboard";

    private static string ConnectionsOf(ScenarioSummary? scenario) =>
        FigureFormat.Count(scenario?.Definition.Connections ?? ScenarioDefaults.Connections);

    private static string TargetText(ScenarioSummary? scenario) => scenario?.Definition is { Designs: { Count: > 0 } designs }
        ? $"embedded loop server, {designs.Count} designs one after another ({string.Join(", ", designs.Select(d => d.Name))})"
        : scenario?.Definition.Target switch
    {
        { Url: { } url } => url,
        { Workload: { } workload } => $"embedded loop server, workload {workload}",
        { Inline: not null } => "embedded loop server, inline workload",
        _ => "embedded loop server",
    };
}
