namespace Dashboard.Client.Launching;

/// <summary>The launch form's fields that can carry a message; <see cref="General"/> is the form as a whole.</summary>
internal static class LaunchField
{
    public const string General = "";
    public const string Scenario = "scenario";
    public const string Rate = "rate";
    public const string Users = "users";
    public const string Duration = "duration";
    public const string Connections = "connections";
    public const string TargetUrl = "targetUrl";
    public const string Agents = "agents";
    public const string Json = "json";
}
