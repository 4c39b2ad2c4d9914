using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.AccountsHub;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;

namespace ApprovalsPortal.Tests.Integration;

public sealed class AccountServiceTests : IAsyncLifetime
{
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private AccountService accounts = default!;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        accounts = portal.Get<AccountService>();
    }

    [Fact]
    public async Task A_new_account_gets_a_shared_and_an_internal_folder()
    {
        var id = await accounts.CreateAsync(staff, "  Brightwater Ltd  ");
        var folders = await portal.Get<ApprovalsPortal.Features.Documents.DocumentService>().ListFoldersAsync(staff, id);
        Assert.Equal(
            [("Shared with client", FolderAccess.ClientCanView), ("Internal", FolderAccess.StaffOnly)],
            folders.Select(f => (f.Name, f.Access)));
        Assert.Equal("Brightwater Ltd", (await accounts.GetAsync(staff, id)).Name);
    }

    [Fact]
    public async Task Names_are_required_and_unique_ignoring_case()
    {
        await accounts.CreateAsync(staff, "Brightwater Ltd");
        var duplicate = await Assert.ThrowsAsync<PortalRuleException>(() => accounts.CreateAsync(staff, "brightwater ltd"));
        Assert.Equal("A client account named \"brightwater ltd\" already exists.", duplicate.Message);
        var empty = await Assert.ThrowsAsync<PortalRuleException>(() => accounts.CreateAsync(staff, "   "));
        Assert.Equal("The client account's name is required.", empty.Message);
    }

    [Fact]
    public async Task Search_is_by_name_and_paging_happens_in_the_database()
    {
        for (var i = 1; i <= 30; i++) await accounts.CreateAsync(staff, $"Client {i:00}");
        await accounts.CreateAsync(staff, "100% Organic_Farm");

        var page2 = await portal.Get<AccountsHubService>().ListAsync(staff, new AccountQuery("Client", false, Page: 1, PageSize: 10));
        Assert.Equal(30, page2.TotalCount);
        Assert.Equal(Enumerable.Range(11, 10).Select(i => $"Client {i:00}"), page2.Items.Select(a => a.Name));

        // LIKE wildcards typed by the user are matched literally.
        var literal = await portal.Get<AccountsHubService>().ListAsync(staff, new AccountQuery("0%", false, 0, 10));
        Assert.Equal(["100% Organic_Farm"], literal.Items.Select(a => a.Name));
    }

    [Fact]
    public async Task Archived_accounts_leave_the_default_list_and_can_be_restored()
    {
        var id = await accounts.CreateAsync(staff, "Old Client");
        await accounts.SetArchivedAsync(staff, id, true);
        Assert.Empty((await portal.Get<AccountsHubService>().ListAsync(staff, new AccountQuery(null, false, 0, 50))).Items);
        Assert.True((await portal.Get<AccountsHubService>().ListAsync(staff, new AccountQuery(null, true, 0, 50))).Items.Single().IsArchived);
        await accounts.SetArchivedAsync(staff, id, false);
        Assert.Single((await portal.Get<AccountsHubService>().ListAsync(staff, new AccountQuery(null, false, 0, 50))).Items);
    }

    [Fact]
    public async Task Folders_can_be_added_renamed_and_change_access_but_names_stay_unique()
    {
        var id = await accounts.CreateAsync(staff, "Folders Ltd");
        var folderId = await accounts.SaveFolderAsync(staff, id, null, "Payroll", FolderAccess.StaffOnly);
        await accounts.SaveFolderAsync(staff, id, folderId, "Payroll 2026", FolderAccess.ClientCanView);
        var folder = (await portal.Get<ApprovalsPortal.Features.Documents.DocumentService>().ListFoldersAsync(staff, id)).Single(f => f.Id == folderId);
        Assert.Equal(("Payroll 2026", FolderAccess.ClientCanView), (folder.Name, folder.Access));

        var clash = await Assert.ThrowsAsync<PortalRuleException>(() => accounts.SaveFolderAsync(staff, id, folderId, "internal", FolderAccess.StaffOnly));
        Assert.Equal("This account already has a folder named \"internal\".", clash.Message);
    }

    [Fact]
    public async Task Clients_cannot_use_staff_operations()
    {
        var client = await portal.CreateUserAsync(Roles.Client, "someone@client.test");
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => portal.Get<AccountsHubService>().ListAsync(client, new AccountQuery(null, false, 0, 10)));
        Assert.Equal("Only the firm's staff can do this.", refused.Message);
        await Assert.ThrowsAsync<PortalRuleException>(() => accounts.CreateAsync(client, "Mine"));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
