using System.Globalization;
using Dashboard.Client.Formatting;
using Dashboard.Client.Live;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Pages;

/// <summary>
/// A run's live page. Prerendered with the run as it is, then live over the circuit from the
/// run's shared feed (<see cref="IRunFeeds"/>): one render per refresh at most, whatever the
/// number of intervals in between. A run that has ended (a stored one after a restart too)
/// renders once from the directory and follows nothing.
/// </summary>
public partial class LiveRun : IDisposable
{
    private RunFeedLease? _lease;
    private IDisposable? _subscription;

    [Parameter]
    public string RunId { get; set; } = "";

    [Inject]
    private IRunFeeds Feeds { get; set; } = default!;

    [Inject]
    private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    /// <summary>The what-if rate in the address, so a reload shows the same answer.</summary>
    [SupplyParameterFromQuery(Name = "whatIf")]
    private string? WhatIf { get; set; }

    private DashboardUiOptions Options => UiOptions.Value;

    private RunView View { get; set; } = default!;

    private RunDetails? Run => View.Run;

    private RunSnapshot? Latest => View.Latest;

    private bool Running => View.Running;

    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    protected override void OnParametersSet()
    {
        // A query change (the what-if) sets the parameters again: the run stays followed.
        if (_lease is not null && View.RunId == RunId)
        {
            return;
        }

        Close();
        _lease = Feeds.Open(RunId);
        View = _lease.Feed.Current;
        if (Run is null)
        {
            NotFoundStatus.Set(HttpContext);
        }

        // Prerendering renders once and is thrown away: only a live circuit follows the run.
        if (RendererInfo.IsInteractive && Running)
        {
            _subscription = _lease.Feed.Subscribe(OnUpdate);
        }
    }

    private Task OnUpdate(RunView view) => InvokeAsync(() =>
    {
        if (_subscription is null || view.RunId != RunId)
        {
            return;
        }

        View = view;
        StateHasChanged();
    });

    private void Close()
    {
        _subscription?.Dispose();
        _subscription = null;
        _lease?.Dispose();
        _lease = null;
    }

    private string Figure(Func<RunSnapshot, double> read) => Latest is null ? FigureFormat.Missing : FigureFormat.Adaptive(read(Latest));

    /// <summary>An interval in which no request ended has no latency (not 0 ms).</summary>
    private string LatencyFigure(Func<RunSnapshot, double> read) =>
        Latest is { Load.Requests: > 0 } ? FigureFormat.Adaptive(read(Latest)) : FigureFormat.Missing;

    internal static string ThresholdWord(bool? passed) => passed switch
    {
        true => "pass",
        false => "fail",
        null => "pending",
    };

    private static string ThresholdClass(bool? passed) => RunText.VerdictClass(passed);

    private static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
