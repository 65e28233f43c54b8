using System.Text.Json;
using Dashboard.Client.Formatting;
using Dashboard.Client.Launching;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Client.Pages;

/// <summary>
/// The launch page: the scenario catalog with each load shape, and a plain HTML form (static SSR:
/// it posts back to this component) that starts a catalog scenario with overrides or any
/// scenario written as JSON. On success the browser is redirected to the run's live page; on
/// failure every problem shows next to the field it belongs to.
/// </summary>
public partial class Launch
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    private IReadOnlyDictionary<string, IReadOnlyList<string>> _errors = NoErrors;

    [Inject]
    private IScenarioCatalog Catalog { get; set; } = default!;

    [Inject]
    private IRunLauncher Launcher { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "launch")]
    private LaunchForm? Form { get; set; }

    /// <summary>The scenario chosen from the catalog by its link (<c>/?scenario=NAME</c>).</summary>
    [SupplyParameterFromQuery(Name = "scenario")]
    private string? Chosen { get; set; }

    private IReadOnlyList<ScenarioSummary> Scenarios { get; set; } = [];

    private IReadOnlyList<string> Problems { get; set; } = [];

    private ScenarioSummary? Selected => Find(Form?.Scenario) ?? Scenarios.FirstOrDefault();

    private bool JsonOpen { get; set; }

    private MarkupString CatalogJson =>
        new(JsonSerializer.Serialize(Scenarios.DistinctBy(s => s.Name).ToDictionary(s => s.Name, s => s.Json, StringComparer.Ordinal)));

    protected override void OnInitialized()
    {
        Scenarios = Catalog.Scenarios();
        Problems = Catalog.Problems();
        Form ??= new LaunchForm();
        if (Form.Action is null)
        {
            // Not a post: start from the scenario the catalog link chose, else the first.
            var start = Find(Chosen) ?? Scenarios.FirstOrDefault();
            Form.Scenario ??= start?.Name;
            Form.Json ??= start?.Json;
        }
    }

    private async Task SubmitAsync()
    {
        var form = Form!;
        if (form.Action == LaunchForm.StartJsonAction)
        {
            JsonOpen = true;
            await StartAsync(form.Json ?? "", fromJson: true);
            return;
        }

        if (Find(form.Scenario) is not { } scenario)
        {
            _errors = LaunchErrors.ByField([new FieldError(LaunchField.Scenario, $"no scenario named '{form.Scenario}' in the catalog")], fromJson: false);
            return;
        }

        var (json, problems) = ScenarioComposer.Compose(scenario, form);
        if (json is null)
        {
            _errors = LaunchErrors.ByField(problems, fromJson: false);
            return;
        }

        if (form.Action == LaunchForm.ComposeAction)
        {
            form.Json = json;
            JsonOpen = true;
            return;
        }

        await StartAsync(json, fromJson: false);
    }

    private async Task StartAsync(string json, bool fromJson)
    {
        var result = await Launcher.StartAsync(json);
        if (result.RunId is { } id)
        {
            // Static SSR answers a post with a redirect here: the browser then GETs the live page.
            Navigation.NavigateTo(Links.Run(id));
            return;
        }

        _errors = LaunchErrors.ByField(result.Errors, fromJson);
    }

    private IReadOnlyList<string> MessagesFor(string field) => _errors.TryGetValue(field, out var messages) ? messages : [];

    private string? Invalid(string field) => _errors.ContainsKey(field) ? "true" : null;

    private ScenarioSummary? Find(string? name) =>
        name is null ? null : Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    private static string PeakRateText(ScenarioSummary? scenario)
    {
        var peak = scenario?.Shape.Where(p => p.IsOpen).Select(p => Math.Max(p.StartRate, p.EndRate)).DefaultIfEmpty(0).Max() ?? 0;
        return peak > 0 ? FigureFormat.Compact(peak) : "no inject phase";
    }

    private static string ConnectionsOf(ScenarioSummary? scenario) =>
        FigureFormat.Count(scenario?.Definition.Connections ?? ScenarioDefaults.Connections);

    private static string TargetText(ScenarioSummary? scenario) => scenario?.Definition.Target switch
    {
        { Url: { } url } => url,
        { Workload: { } workload } => $"embedded loop server, workload {workload}",
        { Inline: not null } => "embedded loop server, inline workload",
        _ => "embedded loop server",
    };
}
