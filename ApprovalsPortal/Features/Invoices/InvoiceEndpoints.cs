using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Invoices;

public static class InvoiceEndpoints
{
    public static string PdfUrl(int invoiceId) => $"/invoices/{invoiceId}/pdf";

    public static IEndpointRouteBuilder MapInvoiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Staff and the account's portal users; anyone else gets the same 404 as for an invoice that does not exist.
        endpoints.MapGet("/invoices/{id:int}/pdf", async (int id, HttpContext http, ClientInvoiceService invoices, CancellationToken ct) =>
        {
            var user = PortalUser.From(http.User);
            if (user is null) return Results.Challenge();
            try
            {
                var pdf = await invoices.PdfAsync(user, id, ct);
                if (pdf is null) return Results.NotFound();
                http.Response.Headers.CacheControl = "private, no-store";
                return Results.File(pdf.Value.Content, "application/pdf", pdf.Value.FileName);
            }
            catch (NotFoundOrForbiddenException)
            {
                return Results.NotFound();
            }
        }).RequireAuthorization();
        return endpoints;
    }
}
