using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>Who may do what with a request, asked of the services directly, whatever a screen shows.</summary>
public sealed class ApprovalAuthorizationTests : IAsyncLifetime
{
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private PortalUser otherClient = default!;
    private int accountId;
    private int documentId;
    private int requestId;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        var account = await portal.CreateAccountAsync(staff, "Mine Ltd");
        accountId = account.AccountId;
        client = await portal.AddPortalContactAsync(staff, account.AccountId, "me@mine.test");
        var other = await portal.CreateAccountAsync(staff, "Theirs Ltd");
        otherClient = await portal.AddPortalContactAsync(staff, other.AccountId, "them@theirs.test");
        documentId = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Mine.pdf", SampleFiles.Pdf());
        requestId = await portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
    }

    [Fact]
    public async Task A_client_cannot_decide_on_another_accounts_request_or_see_it()
    {
        var decisions = portal.Get<ClientApprovalService>();
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => decisions.ApproveAsync(otherClient, requestId));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => decisions.DisapproveAsync(otherClient, requestId, new DisapprovalInput([1], "")));
        Assert.Empty(await portal.Get<PendingActionService>().ListAsync(otherClient));
        Assert.Null(await decisions.GetPromptAsync(otherClient, documentId));
    }

    [Fact]
    public async Task A_client_loses_the_decision_when_portal_access_is_turned_off()
    {
        var contacts = portal.Get<ContactService>();
        var row = (await contacts.ListAsync(staff, accountId)).Single();
        await contacts.SaveAsync(staff, new ContactInput(row.Id, accountId, row.Name, row.Email, row.Notify, PortalAccess: false));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => portal.Get<ClientApprovalService>().ApproveAsync(client, requestId));
    }

    [Fact]
    public async Task Staff_only_actions_are_refused_to_clients()
    {
        var approvals = portal.Get<ApprovalService>();
        var input = new ApprovalInput("", false, 3, 1);
        Assert.Equal("Only the firm's staff can do this.", (await Assert.ThrowsAsync<PortalRuleException>(() => approvals.RequestAsync(client, documentId, input))).Message);
        await Assert.ThrowsAsync<PortalRuleException>(() => approvals.ResendAsync(client, documentId, input));
        await Assert.ThrowsAsync<PortalRuleException>(() => approvals.CancelAsync(client, documentId));
        await Assert.ThrowsAsync<PortalRuleException>(() => approvals.GetStateAsync(client, documentId));
        await Assert.ThrowsAsync<PortalRuleException>(() => approvals.GetDisapprovalAsync(client, documentId));
    }

    [Fact]
    public async Task Staff_cannot_decide_for_the_client()
    {
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => portal.Get<ClientApprovalService>().ApproveAsync(staff, requestId));
        Assert.Equal("Only the client can approve or disapprove a document.", refused.Message);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
