using System.Security.Cryptography;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Integration;

public sealed class DocumentServiceTests : IAsyncLifetime
{
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private DocumentService documents = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(new Dictionary<string, string?> { ["Portal:Uploads:MaxFileSizeMegabytes"] = "1" });
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        documents = portal.Get<DocumentService>();
        account = await portal.CreateAccountAsync(staff, "Docs Ltd");
    }

    [Fact]
    public async Task An_upload_is_stored_under_its_hash_with_its_metadata_and_an_audit_entry()
    {
        var content = SampleFiles.Pdf("Hash me");
        var id = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Year end.pdf", content, "For review");

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var details = await documents.GetAsync(staff, id);
        Assert.NotNull(details);
        Assert.Equal(("Year end.pdf", "application/pdf", (long)content.Length, hash, "Sam Staff", "For review"),
            (details.Name, details.ContentType, details.SizeBytes, details.Sha256, details.UploadedByName, details.Description));
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(portal.DataFolder, "files", hash[..2], hash)));

        var trail = await portal.Get<AuditService>().TrailAsync(staff, id);
        Assert.Equal(AuditAction.Uploaded, trail.Single().Action);
        Assert.Equal("Sam Staff", trail.Single().ActorName);
    }

    [Fact]
    public async Task A_refused_upload_names_the_reason_and_leaves_nothing_behind()
    {
        using var stream = new MemoryStream(SampleFiles.Png());
        var outcome = await documents.UploadAsync(staff, new UploadRequest(account.AccountId, account.SharedFolderId, "fake.pdf", stream.Length, ""), stream, null);
        Assert.False(outcome.Succeeded);
        Assert.Equal("The content is not a PDF, although the name ends in .pdf.", outcome.Error);

        await using var db = portal.NewDb();
        Assert.False(await db.Documents.AnyAsync());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(portal.DataFolder, "files"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(portal.DataFolder, "tmp")));
    }

    [Fact]
    public async Task A_stream_longer_than_its_claimed_size_is_cut_off_at_the_limit()
    {
        var big = new byte[1024 * 1024 + 10];
        "%PDF-"u8.CopyTo(big);
        using var stream = new MemoryStream(big);
        var outcome = await documents.UploadAsync(staff, new UploadRequest(account.AccountId, account.SharedFolderId, "big.pdf", 100, ""), stream, null);
        Assert.Equal("The file is larger than the limit of 1 MB.", outcome.Error);
    }

    [Fact]
    public async Task Rename_move_and_delete_are_audited_in_order()
    {
        var id = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "draft.txt", SampleFiles.Text());
        await documents.RenameAsync(staff, id, "final.txt");
        await documents.MoveAsync(staff, id, account.InternalFolderId);
        await documents.DeleteAsync(staff, id);

        var trail = await portal.Get<AuditService>().TrailAsync(staff, id);
        Assert.Empty(trail); // deleted documents disappear everywhere, their trail with them from the UI
        await using var db = portal.NewDb();
        var actions = await db.AuditEvents.Where(a => a.DocumentId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal([AuditAction.Uploaded, AuditAction.Renamed, AuditAction.Moved, AuditAction.Deleted], actions);
        Assert.Null(await documents.GetAsync(staff, id));
    }

    [Fact]
    public async Task A_rename_must_keep_the_extension()
    {
        var id = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "report.pdf", SampleFiles.Pdf());
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => documents.RenameAsync(staff, id, "report.exe"));
        Assert.Equal("Keep the file's extension (.pdf) so it still opens as the same kind of file.", refused.Message);
    }

    [Fact]
    public async Task A_document_cannot_be_moved_into_another_accounts_folder()
    {
        var id = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "report.pdf", SampleFiles.Pdf());
        var other = await portal.CreateAccountAsync(staff, "Other Ltd");
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => documents.MoveAsync(staff, id, other.SharedFolderId));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
