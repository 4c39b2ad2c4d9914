using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.AccountsHub;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// Pending: two requests waiting. Approved: approved 5 days ago. Disapproved: disapproved 5 days ago.
/// Stale: approved 40 days ago. Quiet: no requests. (Names are the accounts'.)
/// </summary>
public sealed class AccountApprovalFilterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private readonly Dictionary<string, int> accounts = [];

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        var approvals = portal.Get<ApprovalService>();
        var decisions = portal.Get<ClientApprovalService>();
        var input = new ApprovalInput("", false, 3, 1);

        async Task<(int Account, PortalUser Client, int Shared)> Account(string name)
        {
            var a = await portal.CreateAccountAsync(staff, name);
            accounts[name] = a.AccountId;
            return (a.AccountId, await portal.AddPortalContactAsync(staff, a.AccountId, $"client@{name.ToLowerInvariant()}.test"), a.SharedFolderId);
        }
        async Task<int> Request((int Account, PortalUser Client, int Shared) a, string doc) =>
            await approvals.RequestAsync(staff, await portal.UploadAsync(staff, a.Account, a.Shared, doc, SampleFiles.Pdf()), input);

        var stale = await Account("Stale");
        await decisions.ApproveAsync(stale.Client, await Request(stale, "old.pdf"));
        clock.Advance(TimeSpan.FromDays(35));
        var approved = await Account("Approved");
        await decisions.ApproveAsync(approved.Client, await Request(approved, "a.pdf"));
        var disapproved = await Account("Disapproved");
        await decisions.DisapproveAsync(disapproved.Client, await Request(disapproved, "d.pdf"), new DisapprovalInput([1], ""));
        var pending = await Account("Pending");
        await Request(pending, "p1.pdf");
        await Request(pending, "p2.pdf");
        await Account("Quiet");
        clock.Advance(TimeSpan.FromDays(5));
    }

    private async Task<string[]> NamesAsync(params AccountApprovalFilter[] filters)
    {
        var page = await portal.Get<AccountsHubService>().ListAsync(staff, new AccountQuery(null, false, 0, 50, filters.ToHashSet()));
        return page.Items.Select(a => a.Name).ToArray();
    }

    [Fact]
    public async Task Each_approvals_filter_and_their_combinations_mean_what_they_say()
    {
        Assert.Equal(["Approved", "Disapproved", "Pending", "Quiet", "Stale"], await NamesAsync());
        Assert.Equal(["Pending"], await NamesAsync(AccountApprovalFilter.PendingApproval));
        Assert.Equal(["Approved"], await NamesAsync(AccountApprovalFilter.Approved));
        Assert.Equal(["Disapproved"], await NamesAsync(AccountApprovalFilter.Disapproved));
        Assert.Equal(["Disapproved", "Pending"], await NamesAsync(AccountApprovalFilter.PendingApproval, AccountApprovalFilter.Disapproved));
        Assert.Equal(["Approved", "Disapproved", "Pending"], await NamesAsync(AccountApprovalFilter.PendingApproval, AccountApprovalFilter.Approved, AccountApprovalFilter.Disapproved));
    }

    [Fact]
    public async Task Each_row_counts_its_pending_requests()
    {
        var rows = (await portal.Get<AccountsHubService>().ListAsync(staff, new AccountQuery(null, false, 0, 50))).Items.ToDictionary(a => a.Name, a => a.PendingCount);
        Assert.Equal(2, rows["Pending"]);
        Assert.Equal(0, rows["Approved"]);
        Assert.Equal(0, rows["Quiet"]);
    }

    [Fact]
    public async Task Deleting_a_pending_document_lowers_the_count()
    {
        await using var db = portal.NewDb();
        var pendingDoc = db.Documents.Single(d => d.Name == "p1.pdf").Id;
        await portal.Get<ApprovalsPortal.Features.Documents.DocumentService>().DeleteAsync(staff, pendingDoc);
        var rows = (await portal.Get<AccountsHubService>().ListAsync(staff, new AccountQuery(null, false, 0, 50))).Items.ToDictionary(a => a.Name, a => a.PendingCount);
        Assert.Equal(1, rows["Pending"]);
    }

    [Fact]
    public async Task View_as_client_is_for_staff_and_only_for_contacts_with_portal_access()
    {
        var contacts = portal.Get<ContactService>();
        var pendingContact = (await contacts.ListAsync(staff, accounts["Pending"])).Single();
        var viewer = await contacts.ViewAsAsync(staff, accounts["Pending"], pendingContact.Id);
        Assert.True(viewer.IsClient);
        Assert.False(viewer.IsStaff);
        Assert.Equal(2, (await portal.Get<PendingActionService>().ListAsync(viewer)).Count);

        // Whatever a screen does with it, the view-as user can never decide or act as staff.
        var requestId = (await portal.Get<PendingActionService>().ListAsync(viewer))[0].ItemId;
        var refusedDecision = await Assert.ThrowsAsync<PortalRuleException>(() => portal.Get<ClientApprovalService>().ApproveAsync(viewer, requestId));
        Assert.Equal("This is a read-only view of the client's portal: nothing can be approved or disapproved here.", refusedDecision.Message);
        await Assert.ThrowsAsync<PortalRuleException>(() => portal.Get<ClientApprovalService>().DisapproveAsync(viewer, requestId, new DisapprovalInput([1], "")));
        Assert.Equal(2, (await portal.Get<PendingActionService>().ListAsync(viewer)).Count);

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => contacts.ViewAsAsync(staff, accounts["Quiet"], pendingContact.Id));
        await Assert.ThrowsAsync<PortalRuleException>(() => contacts.ViewAsAsync(viewer, accounts["Pending"], pendingContact.Id));
        await contacts.SaveAsync(staff, new ContactInput(pendingContact.Id, accounts["Pending"], pendingContact.Name, pendingContact.Email, true, PortalAccess: false));
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => contacts.ViewAsAsync(staff, accounts["Pending"], pendingContact.Id));
        Assert.Contains("has no portal access", refused.Message);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
