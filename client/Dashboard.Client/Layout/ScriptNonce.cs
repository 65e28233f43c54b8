using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Client.Layout;

/// <summary>
/// The per-request nonce of a page's one inline script (the import map). The host's
/// Content-Security-Policy names the same value, so the page runs its own inline script and no
/// injected one. Made on first use per request; both sides read it here.
/// </summary>
public static class ScriptNonce
{
    private const string ItemKey = "dashboard.script-nonce";

    public static string Of(HttpContext context)
    {
        if (context.Items[ItemKey] is not string nonce)
        {
            // Hex, not base64: '+' and '/' would be entity-encoded in the attribute, and hex is a valid CSP nonce.
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[ItemKey] = nonce;
        }

        return nonce;
    }
}
