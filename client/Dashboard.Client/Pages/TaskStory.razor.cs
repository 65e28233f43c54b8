using Dashboard.Client.Formatting;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>
/// A task's story, rendered on the server from the run's retained task records (or, for a stored
/// run, the story kept at its end or one rebuilt from its samples): its family tree (ancestors,
/// the task, its children) and its timeline of awake, waiting and asleep spans.
/// </summary>
public partial class TaskStory
{
    [Parameter]
    public string RunId { get; set; } = "";

    [Parameter]
    public long TaskId { get; set; }

    [Inject]
    private IRunDirectory Directory { get; set; } = default!;

    [Inject]
    private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;

    /// <summary>The request being answered (null when rendered outside a request, as in tests).</summary>
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    private DashboardUiOptions Options => UiOptions.Value;

    private RunDetails? Run { get; set; }

    private RunTaskStory? Story { get; set; }

    /// <summary>Root first: the contract lists them nearest first.</summary>
    private IReadOnlyList<TaskSample> Ancestors => Story is null ? [] : Story.Ancestors.Reverse().ToArray();

    private string RunHref => Links.Run(RunId);

    /// <summary>Rebuilt from a stored run's samples: relatives that were not sampled are missing.</summary>
    private bool Sampled => Story?.Source == TaskStorySources.Sampled;

    protected override void OnParametersSet()
    {
        Run = Directory.Find(RunId);
        Story = Run is null ? null : Directory.TaskStory(RunId, TaskId);
        if (Story is null)
        {
            NotFoundStatus.Set(HttpContext);
        }
    }

    /// <summary>Relatives not drawn: those beyond the page's limit, and those a stored story left out.</summary>
    private int MoreThanShown(int kept, int omitted) => Math.Max(0, kept - Options.MaxStoryChildren) + omitted;

    private static string StateClass(string state) => state is "awake" or "waiting" or "asleep" ? state : "unknown";
}
