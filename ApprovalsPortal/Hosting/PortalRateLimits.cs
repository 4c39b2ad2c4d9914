using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter on everything a stranger can try without being signed in, per client address (after the
/// forwarded headers of the proxy on loopback, so behind the documented proxy it is the visitor's address):
/// - <see cref="SignIn"/>: posting the sign-in and first-run forms (a password spray over many logins is slowed down
///   as a whole, where the per-login lockout only stops guessing at one);
/// - <see cref="Link"/>: opening a link that carries a token (a third party's request, setting a password) and posting
///   the set-password form, so guessing tokens is slow and logged.
/// Pages themselves (a GET of the sign-in page) are not limited. Refusals answer 429 with a page saying when to try again.
/// </summary>
public static class PortalRateLimits
{
    public const string SignIn = "sign-in";
    public const string Link = "link";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignIn, http => HttpMethods.IsPost(http.Request.Method)
                ? Attempts(http)
                : RateLimitPartition.GetNoLimiter("page"));
            options.AddPolicy(Link, http => HttpMethods.IsPost(http.Request.Method)
                ? Attempts(http)
                : RateLimitPartition.GetFixedWindowLimiter("open|" + Address(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Options(http).Requests.LinkOpeningsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = RefuseAsync;
        });

    private static RateLimitPartition<string> Attempts(HttpContext http)
    {
        var limits = Options(http).SignIn;
        return RateLimitPartition.GetFixedWindowLimiter("attempt|" + Address(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.AttemptsPerAddress,
            Window = TimeSpan.FromMinutes(limits.WindowMinutes),
            QueueLimit = 0,
        });
    }

    private static PortalOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value;

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : "unknown";

    private static async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalRateLimits))
            .LogWarning("Too many attempts from {Address} on {Path}: refused for {Minutes} min", Address(http), http.Request.Path, minutes);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        var when = minutes == 1 ? "a minute" : $"{minutes} minutes";
        await http.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            "<meta name=\"robots\" content=\"noindex\"><title>Too many attempts</title></head>" +
            "<body style=\"font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5\"><main>" +
            "<h1>Too many attempts</h1>" +
            $"<p data-testid=\"too-many-attempts\">There were too many attempts from your network in a short time. Try again in {WebUtility.HtmlEncode(when)}.</p>" +
            "<p>If you keep seeing this page, ask the firm for help.</p></main></body></html>", ct);
    }
}
