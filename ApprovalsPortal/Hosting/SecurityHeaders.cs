using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace ApprovalsPortal.Hosting;

/// <summary>
/// Headers on every response that limit what a page may load and run, so that markup slipped into a page (or a file
/// opened in the portal's origin) cannot run script or send data elsewhere.
/// - Pages (HTML) get a content security policy: scripts only from the portal itself, plus the one inline script
///   the framework writes (the import map) by a nonce made per request; no plugins; frames, forms, connections
///   (Blazor's WebSocket) and images only to the portal. Styles may be inline: MudBlazor sets style attributes.
/// - Other responses keep their own policy: the document content endpoint sandboxes every type a browser could run,
///   and leaves PDFs without one so that the browser's viewer works.
/// - Everywhere: no MIME sniffing, no referrer outside the portal (links carry tokens), no camera, microphone or
///   location. HSTS is added in Production by UseHsts.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "ApprovalsPortal.CspNonce";

    /// <summary>The nonce of this request's policy, for the framework's inline import map (App.razor).</summary>
    public static string Nonce(HttpContext? http) => http?.Items[NonceKey] as string ?? "";

    public static string PolicyFor(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "frame-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // Hex (a subset of the base64 a nonce may use): no '+', '/' or '=' for the page's HTML to escape.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy)
                && http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = PolicyFor(nonce);
            }
            headers.XContentTypeOptions = "nosniff";
            // A page may ask for less (a link page carrying a token sends none at all).
            if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";
            return Task.CompletedTask;
        });
        await next(http);
    });
}
