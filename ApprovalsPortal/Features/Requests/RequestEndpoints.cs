using System.Threading.RateLimiting;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using Microsoft.Extensions.Options;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace ApprovalsPortal.Features.Requests;

public static class RequestEndpoints
{
    /// <summary>The rate limit on third parties' link page: per client address, so guessing tokens is slow and logged.</summary>
    public const string LinkPolicy = "request-links";

    public static IServiceCollection AddRequestLinkRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            // Behind the documented reverse proxy, RemoteIpAddress is the client's (forwarded headers run first).
            options.AddPolicy(LinkPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.Requests.LinkOpeningsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestEndpoints))
                    .LogWarning("Too many request-link openings from {Ip}: refused", http.Connection.RemoteIpAddress);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">" +
                    "<title>Too many attempts</title></head><body style=\"font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem\">" +
                    "<h1>Too many attempts</h1><p>Too many links were opened from your network in a short time. Try again in a minute.</p></body></html>", ct);
            };
        });

    public static IEndpointRouteBuilder MapRequestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/requests/{id:int}/answers.csv", async (int id, HttpContext http, RequestExport export, CancellationToken ct) =>
        {
            var user = PortalUser.From(http.User);
            if (user is null) return Results.Challenge();
            try
            {
                var (name, content) = await export.CsvAsync(user, id, ct);
                http.Response.Headers.CacheControl = "private, no-store";
                return Results.File(content, "text/csv; charset=utf-8", name);
            }
            catch (NotFoundOrForbiddenException)
            {
                return Results.NotFound();
            }
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Staff));
        return endpoints;
    }
}
