namespace Dashboard.Client.Pages;

/// <summary>What the live page's change form posts without JavaScript: a new rate or user count, as text.</summary>
public sealed class RunChangeForm
{
    public string? Rate { get; set; }

    public string? Users { get; set; }
}
