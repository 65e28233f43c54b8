namespace Dashboard.Load.Scenarios;

/// <summary>One request kind ready to encode: method, path and query on the plan's origin, and
/// an optional body with its content type.</summary>
internal sealed record RequestKindPlan(
    string Name,
    double Weight,
    string Method,
    string PathAndQuery,
    byte[] Body,
    string? ContentType);
