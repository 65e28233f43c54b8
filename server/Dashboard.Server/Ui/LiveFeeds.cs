using Dashboard.Client;
using Dashboard.Client.Live;
using Dashboard.Contracts.Agents;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.EventLoop;
using Dashboard.Server.Distributed;
using Dashboard.Server.Loop;
using Dashboard.Server.Runs;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Ui;

/// <summary>
/// The live pages' feeds, one per source, and what tells each that its source changed: the
/// loop's telemetry at every interval, the run manager at every run started, snapshot and ending
/// (for the runs page, and for the page of that run if someone looks at it), the agent directory
/// when an agent comes, goes or heartbeats.
/// A feed reads its source at most once per DashboardUi:LiveRefresh, for every viewer at once.
/// </summary>
internal static class LiveFeeds
{
    public static IServiceCollection AddLiveFeeds(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var feed = LoopView.Feed(sp.GetRequiredService<ILoopStatusSource>(), UiOptions(sp), sp.GetRequiredService<TimeProvider>());
            // Never disposed: the feed and the telemetry live as long as the host.
            sp.GetRequiredService<LoopTelemetry>().Observe(new ChangedOnInterval(feed));
            return feed;
        });
        services.AddSingleton<ILiveFeed<LoopView>>(sp => sp.GetRequiredService<LiveFeed<LoopView>>());

        services.AddSingleton(sp =>
        {
            var feed = RunsView.Feed(sp.GetRequiredService<IRunDirectory>(), UiOptions(sp), sp.GetRequiredService<TimeProvider>());
            var events = sp.GetRequiredService<IRunEvents>();
            events.RunChanged += _ => feed.Changed();
            events.SnapshotPublished += _ => feed.Changed();
            return feed;
        });
        services.AddSingleton<ILiveFeed<RunsView>>(sp => sp.GetRequiredService<LiveFeed<RunsView>>());

        services.AddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IRunDirectory>();
            var options = UiOptions(sp);
            var time = sp.GetRequiredService<TimeProvider>();
            var feeds = new RunFeeds(runId => RunView.Feed(directory, runId, options, time));
            var events = sp.GetRequiredService<IRunEvents>();
            events.RunChanged += info => feeds.Changed(info.Id);
            events.SnapshotPublished += snapshot => feeds.Changed(snapshot.RunId);
            return feeds;
        });
        services.AddSingleton<IRunFeeds>(sp => sp.GetRequiredService<RunFeeds>());

        services.AddSingleton(sp =>
        {
            var feed = AgentsView.Feed(sp.GetRequiredService<IAgentDirectory>(), UiOptions(sp), sp.GetRequiredService<TimeProvider>());
            sp.GetRequiredService<AgentDirectory>().Changed += feed.Changed;
            return feed;
        });
        services.AddSingleton<ILiveFeed<AgentsView>>(sp => sp.GetRequiredService<LiveFeed<AgentsView>>());
        return services;
    }

    private static DashboardUiOptions UiOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DashboardUiOptions>>().Value;

    /// <summary>Called on the telemetry's reader thread under its lock: it only marks the feed changed.</summary>
    private sealed class ChangedOnInterval(LiveFeed<LoopView> feed) : ILoopObserver
    {
        public void OnRecord(TaskRecord record)
        {
        }

        public void OnInterval(LoopInterval interval, long startTimestamp, long endTimestamp) => feed.Changed();
    }
}
