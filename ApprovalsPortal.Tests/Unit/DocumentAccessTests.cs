using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Unit;

/// <summary>The authorization filter every document query goes through, against a real SQLite database.</summary>
public sealed class DocumentAccessTests : IAsyncLifetime
{
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private int ownShared, ownInternal, otherShared, revokedShared;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        var contacts = portal.Get<ContactService>();

        var own = await portal.CreateAccountAsync(staff, "Own Ltd");
        await contacts.SaveAsync(staff, new ContactInput(null, own.AccountId, "Cli Ent", "client@own.test", true, true));
        ownShared = await portal.UploadAsync(staff, own.AccountId, own.SharedFolderId, "shared.pdf", SampleFiles.Pdf());
        ownInternal = await portal.UploadAsync(staff, own.AccountId, own.InternalFolderId, "internal.pdf", SampleFiles.Pdf());

        var other = await portal.CreateAccountAsync(staff, "Other Ltd");
        await contacts.SaveAsync(staff, new ContactInput(null, other.AccountId, "Someone", "someone@other.test", true, true));
        otherShared = await portal.UploadAsync(staff, other.AccountId, other.SharedFolderId, "other.pdf", SampleFiles.Pdf());

        // The same person is also a contact of a third account, but without portal access there.
        var revoked = await portal.CreateAccountAsync(staff, "Revoked Ltd");
        await contacts.SaveAsync(staff, new ContactInput(null, revoked.AccountId, "Cli Ent", "client@own.test", true, false));
        revokedShared = await portal.UploadAsync(staff, revoked.AccountId, revoked.SharedFolderId, "revoked.pdf", SampleFiles.Pdf());

        await using var db = portal.NewDb();
        var clientId = await db.Users.Where(u => u.Email == "client@own.test").Select(u => u.Id).SingleAsync();
        client = new PortalUser(clientId, "Cli Ent", false, false, true);
    }

    private async Task<int[]> VisibleIdsAsync(PortalUser user)
    {
        await using var db = portal.NewDb();
        return await db.Documents.VisibleTo(db, user).OrderBy(d => d.Id).Select(d => d.Id).ToArrayAsync();
    }

    [Fact]
    public async Task Staff_see_every_document()
    {
        Assert.Equal([ownShared, ownInternal, otherShared, revokedShared], await VisibleIdsAsync(staff));
    }

    [Fact]
    public async Task A_client_sees_only_client_can_view_folders_of_accounts_where_they_have_portal_access()
    {
        Assert.Equal([ownShared], await VisibleIdsAsync(client));
    }

    [Fact]
    public async Task A_client_loses_sight_when_the_folder_becomes_staff_only()
    {
        await using (var db = portal.NewDb())
        {
            var doc = await db.Documents.SingleAsync(d => d.Id == ownShared);
            await portal.Get<AccountService>().SaveFolderAsync(staff, doc.ClientAccountId, doc.FolderId, Folder.DefaultSharedName, FolderAccess.StaffOnly);
        }
        Assert.Empty(await VisibleIdsAsync(client));
    }

    [Fact]
    public async Task A_signed_in_user_with_no_role_sees_nothing()
    {
        Assert.Empty(await VisibleIdsAsync(new PortalUser(client.UserId, "x", false, false, false)));
    }

    [Fact]
    public async Task The_viewer_and_content_lookups_refuse_what_the_filter_hides()
    {
        var documents = portal.Get<DocumentService>();
        Assert.Null(await documents.GetAsync(client, ownInternal));
        Assert.Null(await documents.GetFileAsync(client, otherShared));
        Assert.NotNull(await documents.GetFileAsync(client, ownShared));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
