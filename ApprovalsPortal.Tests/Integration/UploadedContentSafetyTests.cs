using System.Net;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// Files that carry script, renamed to an accepted extension: refused when their content gives them away, and
/// otherwise served so that no browser can run them in the portal's origin (declared type, no sniffing, a sandbox).
/// </summary>
public sealed class UploadedContentSafetyTests : IDisposable
{
    private readonly PortalAppFactory app = new();

    private async Task<(PortalUser Staff, int AccountId, int FolderId)> StaffAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
        var account = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        var folder = await db.Folders.Where(f => f.ClientAccountId == account && f.Name == Folder.DefaultSharedName).Select(f => f.Id).SingleAsync();
        return (new PortalUser(id, DemoLogins.Staff.Name, false, true, false), account, folder);
    }

    private async Task<UploadOutcome> UploadAsync(string name, byte[] content)
    {
        var (staff, account, folder) = await StaffAsync();
        using var scope = app.Services.CreateScope();
        using var stream = new MemoryStream(content);
        return await scope.ServiceProvider.GetRequiredService<DocumentService>()
            .UploadAsync(staff, new UploadRequest(account, folder, name, content.Length, ""), stream, null);
    }

    [Fact]
    public async Task An_svg_or_html_renamed_to_an_image_is_refused_by_its_content()
    {
        var svg = await UploadAsync("chart.png", HostileFiles.SvgWithScript());
        Assert.False(svg.Succeeded);
        Assert.Equal("The content is not a PNG image, although the name ends in .png.", svg.Error);
        var html = await UploadAsync("photo.jpg", HostileFiles.HtmlWithScript());
        Assert.Equal("The content is not a JPEG image, although the name ends in .jpg.", html.Error);
    }

    [Theory]
    [InlineData("drawing.txt", "text/plain")]
    [InlineData("page.csv", "text/csv")]
    [InlineData("polyglot.png", "image/png")]
    public async Task Script_carrying_files_that_are_accepted_are_served_as_their_declared_type_unsniffed_and_sandboxed(string name, string contentType)
    {
        var content = name.EndsWith(".png", StringComparison.Ordinal) ? HostileFiles.PngSvgPolyglot()
            : name.EndsWith(".csv", StringComparison.Ordinal) ? HostileFiles.HtmlWithScript() : HostileFiles.SvgWithScript();
        var upload = await UploadAsync(name, content);
        Assert.True(upload.Succeeded, upload.Error);

        using var client = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync(DemoLogins.Staff.Email, DemoLogins.Password)).StatusCode);
        using var response = await client.GetAsync(DocumentEndpoints.ContentUrl(upload.DocumentId!.Value));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox;", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_with_javascript_is_served_as_a_pdf_for_the_browsers_viewer()
    {
        var upload = await UploadAsync("statement.pdf", HostileFiles.PdfWithJavaScript());
        Assert.True(upload.Succeeded, upload.Error);
        using var client = app.CreateHttpClient();
        await client.PostSignInAsync(DemoLogins.Staff.Email, DemoLogins.Password);
        using var response = await client.GetAsync(DocumentEndpoints.ContentUrl(upload.DocumentId!.Value));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    public void Dispose() => app.Dispose();
}
