using Microsoft.AspNetCore.Components;

namespace Dashboard.Client.Live;

/// <summary>
/// A component that shows one live feed: it renders the feed's current view (also when
/// prerendered, so the first paint has the figures) and, once interactive, re-renders when the
/// feed says its view changed: at most once per throttle interval, ending in
/// <c>InvokeAsync(StateHasChanged)</c>. Disposed, it gets no more calls.
/// </summary>
public abstract class LiveView<T> : ComponentBase, IDisposable
    where T : class
{
    private IDisposable? _subscription;

    /// <summary>The view being shown.</summary>
    protected T View { get; private set; } = default!;

    [Inject]
    private ILiveFeed<T> Feed { get; set; } = default!;

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized()
    {
        View = Feed.Current;
        // Prerendering renders once and is thrown away: only a live circuit listens.
        if (RendererInfo.IsInteractive)
        {
            _subscription = Feed.Subscribe(OnUpdate);
        }
    }

    /// <summary>Called on the renderer's thread with the new view, before the render.</summary>
    protected virtual void OnViewChanged(T view)
    {
    }

    private Task OnUpdate(T view) => InvokeAsync(() =>
    {
        if (_subscription is null)
        {
            return;
        }

        View = view;
        OnViewChanged(view);
        StateHasChanged();
    });
}
