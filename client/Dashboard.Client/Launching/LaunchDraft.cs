using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Client.Launching;

/// <summary>
/// The scenario the launch page is about to start, kept in step both ways: the form's fields
/// are changes to a base scenario (a catalog one, or the JSON as the person last typed it), and
/// the JSON view always shows the scenario with those changes, which is exactly what Start starts.
/// Typing in the JSON makes it the new base and empties the fields. Every change is checked at
/// once by the server's own validator (<see cref="IRunLauncher.Check"/>), so each problem shows
/// next to its field, with the API's message, while the person types.
/// </summary>
internal sealed class LaunchDraft(IRunLauncher launcher, int maxJsonChars)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The problems of the JSON as last typed, when it did not validate (so a field has no base to change).</summary>
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _baseErrors = NoErrors;

    /// <summary>The scenario the fields change, as read by the validator; null when its JSON does not validate.</summary>
    public ScenarioSummary? Base { get; private set; }

    /// <summary>The catalog scenario last chosen (the JSON may have been edited since).</summary>
    public string? Chosen { get; private set; }

    public LaunchForm Fields { get; } = new();

    /// <summary>The whole scenario Start starts, as shown in the JSON view.</summary>
    public string Json { get; private set; } = "";

    /// <summary>The scenario Start starts, with its load shape; null while it does not validate.</summary>
    public ScenarioSummary? Ready { get; private set; }

    /// <summary>Problems by <see cref="LaunchField"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; private set; } = NoErrors;

    /// <summary>True when the JSON view holds text the person typed (not a catalog scenario with the fields' changes).</summary>
    public bool EditedByHand { get; private set; }

    public bool CanStart => Ready is not null && Errors.Count == 0;

    /// <summary>Starts over from a catalog scenario: its JSON as written, the fields empty.</summary>
    public void Choose(ScenarioSummary scenario)
    {
        Chosen = scenario.Name;
        Base = scenario;
        EditedByHand = false;
        _baseErrors = NoErrors;
        Fields.Clear();
        Json = scenario.Json;
        Refresh();
    }

    /// <summary>The person typed in the JSON view: that text is the scenario now, and the fields start empty on it.</summary>
    public void EditJson(string? text)
    {
        EditedByHand = true;
        Fields.Clear();
        Json = text ?? "";
        if (Json.Length > maxJsonChars)
        {
            Base = Ready = null;
            Errors = _baseErrors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                [LaunchField.Json] = [$"expected a scenario of at most {maxJsonChars} characters here, got {Json.Length}; POST larger ones to /api/runs"],
            };
            return;
        }

        var check = launcher.Check(Json);
        Base = check.Scenario;
        Show(check);
        _baseErrors = Base is null ? Errors : NoErrors;
    }

    /// <summary>The person typed in a form field: the JSON view shows the base scenario with every field's change.</summary>
    public void SetField(string field, string? text)
    {
        Fields.Set(field, text);
        Refresh();
    }

    /// <summary>After a refused start: the server's problems, shown as a check's would be.</summary>
    public void Refused(IReadOnlyList<FieldError> errors) => Errors = LaunchErrors.ByField(errors, Typed);

    private void Refresh()
    {
        if (Base is null)
        {
            // The JSON does not validate, so there is nothing to apply a field's change to.
            // (Its problems were found when it was typed; with nothing typed yet, as with an empty catalog, ask.)
            Ready = null;
            Errors = _baseErrors.Count > 0 ? _baseErrors : LaunchErrors.ByField(launcher.Check(Json).Errors, Typed);
            foreach (var field in Typed())
            {
                Errors = With(Errors, field, "the scenario's JSON has problems (below); fix them first, or choose a catalog scenario");
            }

            return;
        }

        if (Fields.IsEmpty)
        {
            Json = Base.Json;
            Show(launcher.Check(Json));
            return;
        }

        var (json, problems) = ScenarioComposer.Compose(Base, Fields);
        if (json is null)
        {
            // The JSON view keeps the last scenario that could be composed; Start stays off until the field is fixed.
            Ready = null;
            Errors = LaunchErrors.OfForm(problems);
            return;
        }

        Json = json;
        Show(launcher.Check(json));
    }

    private void Show(ScenarioCheck check)
    {
        Ready = check.IsValid ? check.Scenario : null;
        Errors = check.Errors.Count == 0 ? NoErrors : LaunchErrors.ByField(check.Errors, Typed);
    }

    private bool Typed(string field) => Fields.Text(field) is not null;

    private IEnumerable<string> Typed() => LaunchForm.Fields.Where(Typed);

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> With(IReadOnlyDictionary<string, IReadOnlyList<string>> errors, string field, string message) =>
        new Dictionary<string, IReadOnlyList<string>>(errors, StringComparer.Ordinal) { [field] = [message] };
}
