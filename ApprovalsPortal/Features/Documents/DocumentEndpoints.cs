using Microsoft.Net.Http.Headers;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Documents;

public static class DocumentEndpoints
{
    public const string ContentRoute = "/documents/{id:int}/content";

    public static string ContentUrl(int documentId, bool download = false) =>
        $"/documents/{documentId}/content" + (download ? "?download=true" : "");

    /// <summary>Every request is checked against the caller's right to that document; a refusal looks like "not found".</summary>
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ContentRoute, async (int id, bool? download, HttpContext http, DocumentService documents, CancellationToken ct) =>
        {
            var user = PortalUser.From(http.User);
            if (user is null) return Results.Challenge();
            var file = await documents.GetFileAsync(user, id, ct);
            if (file is null || !File.Exists(file.PhysicalPath)) return Results.NotFound();

            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            // Uploaded content never runs script on the portal's origin. PDFs are left out: Chromium refuses to
            // show a PDF in a sandboxed document, and its viewer runs no script of the file anyway.
            if (file.ContentType != "application/pdf") http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
            var disposition = new ContentDispositionHeaderValue(download == true ? "attachment" : "inline");
            disposition.SetHttpFileName(file.Name);
            http.Response.Headers.ContentDisposition = disposition.ToString();
            return Results.File(file.PhysicalPath, file.ContentType, enableRangeProcessing: true);
        }).RequireAuthorization();
        return endpoints;
    }
}
