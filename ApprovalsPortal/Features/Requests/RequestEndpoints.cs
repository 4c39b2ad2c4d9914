using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Requests;

public static class RequestEndpoints
{
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
