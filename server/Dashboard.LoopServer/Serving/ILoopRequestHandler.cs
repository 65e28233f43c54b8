using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Serving;

/// <summary>Answers parsed requests; runs inside the request's own loop task.</summary>
internal interface ILoopRequestHandler
{
    /// <summary>The task kind for statistics: a route, never the raw target (bounded cardinality).</summary>
    string KindOf(HttpRequest request);

    Task<LoopResponse> HandleAsync(HttpRequest request, CancellationToken cancellationToken);
}
