using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Integration;

public sealed class ContactServiceTests : IAsyncLifetime
{
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private ContactService contacts = default!;
    private int accountId;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        contacts = portal.Get<ContactService>();
        accountId = (await portal.CreateAccountAsync(staff, "Contacts Ltd")).AccountId;
    }

    [Fact]
    public async Task Turning_portal_access_on_creates_a_client_login_and_an_invitation_that_sets_its_password()
    {
        var saved = await contacts.SaveAsync(staff, new ContactInput(null, accountId, "Pat Client", "pat@client.test", Notify: true, PortalAccess: true));
        Assert.NotNull(saved.InvitationLink);

        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + saved.InvitationLink).Query);
        var result = await portal.Get<UserAdministration>().SetPasswordFromInvitationAsync(query["user"]!, query["token"]!, "pat-new-password");
        Assert.True(result.Succeeded);

        var users = portal.Get<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync("pat@client.test");
        Assert.True(await users.IsInRoleAsync(user!, Roles.Client));
        Assert.True(await users.CheckPasswordAsync(user!, "pat-new-password"));

        // The link works once.
        var again = await portal.Get<UserAdministration>().SetPasswordFromInvitationAsync(query["user"]!, query["token"]!, "another-password");
        Assert.False(again.Succeeded);
        Assert.Equal("This invitation link has expired or was already used. Ask the firm for a new one.", again.Errors.Single().Description);
    }

    [Fact]
    public async Task The_list_shows_notify_and_portal_access()
    {
        await contacts.SaveAsync(staff, new ContactInput(null, accountId, "Ann Notified", "ann@client.test", true, false));
        await contacts.SaveAsync(staff, new ContactInput(null, accountId, "Bob Quiet", "bob@client.test", false, true));
        var rows = await contacts.ListAsync(staff, accountId);
        Assert.Equal([("Ann Notified", true, false), ("Bob Quiet", false, true)], rows.Select(r => (r.Name, r.Notify, r.PortalAccess)));
    }

    [Fact]
    public async Task Emails_are_validated_and_unique_per_account()
    {
        var invalid = await Assert.ThrowsAsync<PortalRuleException>(() =>
            contacts.SaveAsync(staff, new ContactInput(null, accountId, "X", "not-an-email", true, false)));
        Assert.Equal("\"not-an-email\" is not a valid email address.", invalid.Message);

        await contacts.SaveAsync(staff, new ContactInput(null, accountId, "Ann", "ann@client.test", true, false));
        var duplicate = await Assert.ThrowsAsync<PortalRuleException>(() =>
            contacts.SaveAsync(staff, new ContactInput(null, accountId, "Ann Again", "ANN@client.test", true, false)));
        Assert.Equal("This account already has a contact with the email ANN@client.test.", duplicate.Message);
    }

    [Fact]
    public async Task A_staff_email_cannot_become_a_client_login()
    {
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() =>
            contacts.SaveAsync(staff, new ContactInput(null, accountId, "Sneaky", "staff@firm.test", true, true)));
        Assert.Equal("staff@firm.test belongs to a staff login and cannot be given client portal access.", refused.Message);
        await using var db = portal.NewDb();
        Assert.False(await db.Contacts.AnyAsync());
    }

    [Fact]
    public async Task One_person_on_two_accounts_shares_one_login()
    {
        var other = (await portal.CreateAccountAsync(staff, "Second Ltd")).AccountId;
        await contacts.SaveAsync(staff, new ContactInput(null, accountId, "Pat", "pat@client.test", true, true));
        await contacts.SaveAsync(staff, new ContactInput(null, other, "Pat", "pat@client.test", true, true));
        await using var db = portal.NewDb();
        Assert.Single(await db.Contacts.Select(c => c.UserId).Distinct().ToListAsync());
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}

/// <summary>Ending an account's last portal access while requests wait for its contacts (issue 14, point 11).</summary>
public sealed class ContactAccessEndingTests : IAsyncLifetime
{
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private ContactService contacts = default!;
    private int accountId;
    private int itemId;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        contacts = portal.Get<ContactService>();
        var account = await portal.CreateAccountAsync(staff, "Lonely Ltd");
        accountId = account.AccountId;
        await portal.AddPortalContactAsync(staff, accountId, "only@lonely.test", "Only Contact");
        var documentId = await portal.UploadAsync(staff, accountId, account.SharedFolderId, "Accounts.pdf", SampleFiles.Pdf());
        // An approval request shares its item's id.
        itemId = await portal.Get<ApprovalsPortal.Features.Approvals.ApprovalService>()
            .RequestAsync(staff, documentId, new ApprovalsPortal.Features.Approvals.ApprovalInput("", false, 3, 1));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private async Task<int> ContactIdAsync(string email)
    {
        await using var db = portal.NewDb();
        return await db.Contacts.Where(c => c.Email == email).Select(c => c.Id).SingleAsync();
    }

    private async Task<ApprovalsPortal.Features.ActionItems.ActionItemStatus> ItemStatusAsync()
    {
        await using var db = portal.NewDb();
        return await db.ActionItems.Where(i => i.Id == itemId).Select(i => i.Status).SingleAsync();
    }

    [Fact]
    public async Task The_last_contact_with_access_is_warned_about_and_may_cancel_what_waits()
    {
        var only = await ContactIdAsync("only@lonely.test");
        var warning = Assert.Single(await contacts.DescribeAccessEndingAsync(staff, only));
        Assert.Equal("1 request waits for the client's contacts and nobody would be left to answer it: \"Accounts.pdf\".", warning);

        await contacts.SaveAsync(staff, new ContactInput(only, accountId, "Only Contact", "only@lonely.test", true, PortalAccess: false, CancelStranded: true));
        Assert.Equal(ApprovalsPortal.Features.ActionItems.ActionItemStatus.Cancelled, await ItemStatusAsync());
    }

    [Fact]
    public async Task Keeping_them_leaves_the_requests_waiting_and_another_contact_with_access_means_no_warning()
    {
        var only = await ContactIdAsync("only@lonely.test");
        await contacts.SaveAsync(staff, new ContactInput(only, accountId, "Only Contact", "only@lonely.test", true, PortalAccess: false));
        Assert.Equal(ApprovalsPortal.Features.ActionItems.ActionItemStatus.Pending, await ItemStatusAsync());

        await contacts.SaveAsync(staff, new ContactInput(only, accountId, "Only Contact", "only@lonely.test", true, PortalAccess: true));
        await portal.AddPortalContactAsync(staff, accountId, "second@lonely.test", "Second Contact");
        Assert.Empty(await contacts.DescribeAccessEndingAsync(staff, only));
        // Removing one of two changes nothing for the requests, even when asked to cancel.
        await contacts.RemoveAsync(staff, only, cancelStranded: true);
        Assert.Equal(ApprovalsPortal.Features.ActionItems.ActionItemStatus.Pending, await ItemStatusAsync());
        // Removing the last one with the choice to cancel does.
        await contacts.RemoveAsync(staff, await ContactIdAsync("second@lonely.test"), cancelStranded: true);
        Assert.Equal(ApprovalsPortal.Features.ActionItems.ActionItemStatus.Cancelled, await ItemStatusAsync());
    }
}
