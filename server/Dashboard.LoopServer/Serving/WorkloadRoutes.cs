using System.Text.Json;
using Dashboard.LoopServer.Http;
using Dashboard.LoopServer.Workloads;
using Dashboard.LoopServer.Workloads.Execution;
using Dashboard.LoopServer.Workloads.Pool;
using Dashboard.LoopServer.Workloads.Processes;

namespace Dashboard.LoopServer.Serving;

/// <summary>
/// <c>GET|POST /w/{name}</c> runs a catalog workload; <c>POST /w</c> runs the workload in the
/// body. The request task's kind is the workload name, so statistics group by what ran.
/// </summary>
internal sealed partial class WorkloadRoutes(WorkloadCatalog catalog, WorkloadExecutor executor, WorkloadLimits limits) : IWorkloadRoutes
{
    // Error bodies are JSON read by people and scripts, never embedded in HTML: keep quotes readable.
    private static readonly JsonSerializerOptions ErrorJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const string Prefix = "/w/";

    public bool Matches(string path) => path == "/w" || path.StartsWith(Prefix, StringComparison.Ordinal) || FrontOf(path) is not null;

    public string KindOf(HttpRequest request)
    {
        if (FrontOf(request.Path) is { } front)
        {
            return FrontKind(front, request.Path);
        }

        if (request.Path == "/w")
        {
            return "inline";
        }

        // Only known names become kinds: an unknown name must not mint a new statistics group.
        var name = request.Path[Prefix.Length..];
        return catalog.TryGet(name, out _) ? name : "(unknown workload)";
    }

    public async Task<LoopResponse> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (FrontOf(request.Path) is { } front)
        {
            return await HandleFrontAsync(front, request, cancellationToken);
        }

        var workload = Resolve(request, out var failure);
        if (workload is null)
        {
            return failure!;
        }

        try
        {
            var result = await executor.RunAsync(workload, cancellationToken);
            return new LoopResponse(200, LoopResponse.Json, result.ToJsonUtf8());
        }
        catch (BackendPoolException ex)
        {
            return Error(503, ex.Message);
        }
        catch (ProcessPoolException ex)
        {
            return Error(503, ex.Message);
        }
    }

    private Workload? Resolve(HttpRequest request, out LoopResponse? failure)
    {
        failure = null;
        if (request.Path == "/w")
        {
            if (request.Method != "POST")
            {
                failure = Error(405, "POST /w takes a workload document in the body (GET /w/{name} runs a catalog workload)");
                return null;
            }

            if (request.Body.IsEmpty)
            {
                failure = Error(400, "body: expected a workload document like {\"name\":\"mine\",\"steps\":[{\"cpu\":\"5ms\"}]}");
                return null;
            }

            var parsed = WorkloadParser.Parse(request.Body, limits);
            if (!parsed.Success)
            {
                failure = Errors(400, parsed.Errors.Select(e => e.ToString()));
                return null;
            }

            return parsed.Workload;
        }

        if (request.Method is not ("GET" or "POST" or "HEAD"))
        {
            failure = Error(405, $"{request.Method} is not allowed on {request.Path}: use GET or POST");
            return null;
        }

        var name = request.Path[Prefix.Length..];
        if (catalog.TryGet(name, out var workload))
        {
            return workload;
        }

        var known = string.Join(", ", catalog.Workloads.Select(w => w.Name));
        failure = Error(404, $"no workload named '{name}' in the catalog; known: {known}");
        return null;
    }

    private static LoopResponse Error(int status, string message) => Errors(status, [message]);

    private static LoopResponse Errors(int status, IEnumerable<string> messages) =>
        new(status, LoopResponse.Json, JsonSerializer.SerializeToUtf8Bytes(new { errors = messages.ToArray() }, ErrorJson));
}
