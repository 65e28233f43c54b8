using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Serving;

/// <summary>
/// The loop server's routes: <c>GET /</c> (hello world, the benchmark endpoint), <c>GET /health</c>,
/// and the workload routes when a workload handler is supplied.
/// </summary>
internal sealed class LoopRequestRouter(IWorkloadRoutes? workloads = null) : ILoopRequestHandler
{
    private static readonly Task<LoopResponse> Hello = Task.FromResult(LoopResponse.FromText(200, "Hello, World!"));
    private static readonly Task<LoopResponse> Healthy = Task.FromResult(LoopResponse.FromJson(200, """{"status":"healthy"}"""));
    private static readonly Task<LoopResponse> MethodNotAllowed = Task.FromResult(LoopResponse.FromText(405, "405 Method Not Allowed: use GET"));

    public string KindOf(HttpRequest request) => request.Path switch
    {
        "/" => "GET /",
        "/health" => "GET /health",
        _ when workloads is not null && workloads.Matches(request.Path) => workloads.KindOf(request),
        _ => "(unrouted)",
    };

    public Task<LoopResponse> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        switch (request.Path)
        {
            case "/":
                return IsGet(request) ? Hello : MethodNotAllowed;
            case "/health":
                return IsGet(request) ? Healthy : MethodNotAllowed;
        }

        if (workloads is not null && workloads.Matches(request.Path))
        {
            return workloads.HandleAsync(request, cancellationToken);
        }

        return Task.FromResult(LoopResponse.FromText(404, $"404 Not Found: no route for {request.Path}; try GET /, GET /health, GET|POST /w/{{name}}, POST /w, GET /sync/w/{{name}} or GET /private-loop/w/{{name}}"));
    }

    private static bool IsGet(HttpRequest request) => request.Method is "GET" or "HEAD";
}

/// <summary>The workload routes (<c>/w/{name}</c>, <c>/w</c>) plugged into the router.</summary>
internal interface IWorkloadRoutes
{
    bool Matches(string path);

    string KindOf(HttpRequest request);

    Task<LoopResponse> HandleAsync(HttpRequest request, CancellationToken cancellationToken);
}
