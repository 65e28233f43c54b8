using Microsoft.AspNetCore.Http;

namespace Dashboard.Client.Pages;

/// <summary>
/// Answers 404 for a page that renders its own "not found" message. Setting the status while
/// rendering makes .NET 10's static SSR treat the page as not found and send no body at all,
/// so the status is set when the response starts, after the page has rendered its message.
/// </summary>
internal static class NotFoundStatus
{
    public static void Set(HttpContext? context)
    {
        if (context is { Response.HasStarted: false })
        {
            context.Response.OnStarting(() =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }
    }
}
