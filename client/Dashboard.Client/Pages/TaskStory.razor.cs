using Dashboard.Client.Formatting;
using Dashboard.Client.Live;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>
/// A task's story, read on the server from the run's retained task records, from the loop while
/// the task is alive, or (for a stored run) from the story kept at its end or one rebuilt from its
/// samples: its family tree (ancestors, the task, its children) and its timeline of awake, waiting
/// and asleep spans. Interactive over the circuit: while the task is alive and its run running,
/// the story is read again at every update of the run's feed, so the timeline and the family grow.
/// </summary>
public partial class TaskStory : IDisposable
{
    private RunFeedLease? _lease;
    private IDisposable? _subscription;
    private bool _reading;

    [Parameter]
    public string RunId { get; set; } = "";

    [Parameter]
    public long TaskId { get; set; }

    [Inject]
    private IRunDirectory Directory { get; set; } = default!;

    [Inject]
    private IRunFeeds Feeds { get; set; } = default!;

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

    /// <summary>The task is still alive: its figures are as of the last read.</summary>
    private bool Alive => Story?.Task.Outcome == TaskOutcomes.Running;

    /// <summary>The story is followed: the task is alive and its run running.</summary>
    private bool Following => _subscription is not null;

    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    protected override async Task OnParametersSetAsync()
    {
        Close();
        Run = Directory.Find(RunId);
        Story = Run is null ? null : await Directory.TaskStoryAsync(RunId, TaskId);
        if (Story is null)
        {
            NotFoundStatus.Set(HttpContext);
        }

        // Prerendering renders once and is thrown away: only a live circuit follows the task.
        if (RendererInfo.IsInteractive && Alive && Run?.Info.Status == RunStatus.Running)
        {
            _lease = Feeds.Open(RunId);
            _subscription = _lease.Feed.Subscribe(OnRunChanged);
        }
    }

    /// <summary>The run moved on (at most once per refresh): read the story again, and stop following once the task or the run ended.</summary>
    private Task OnRunChanged(RunView view) => InvokeAsync(async () =>
    {
        if (_subscription is null || _reading)
        {
            return;
        }

        _reading = true;
        try
        {
            // A task that ended is among the run's retained records: its final story replaces the live one.
            if (await Directory.TaskStoryAsync(RunId, TaskId) is { } story)
            {
                Story = story;
            }

            Run = view.Run ?? Run;
            if (!Alive || !view.Running)
            {
                Close();
            }

            StateHasChanged();
        }
        finally
        {
            _reading = false;
        }
    });

    private void Close()
    {
        _subscription?.Dispose();
        _subscription = null;
        _lease?.Dispose();
        _lease = null;
    }

    /// <summary>Relatives not drawn: those beyond the page's limit, and those a stored story left out.</summary>
    private int MoreThanShown(int kept, int omitted) => Math.Max(0, kept - Options.MaxStoryChildren) + omitted;

    private static string StateClass(string state) => state is "awake" or "waiting" or "asleep" ? state : "unknown";
}
