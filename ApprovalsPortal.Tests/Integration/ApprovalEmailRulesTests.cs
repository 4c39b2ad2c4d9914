using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// One email per notified contact: an upload of several files and "Request approval for pending" (for one account
/// or firm-wide) each send every contact one email listing their own account's documents, never one per document.
/// </summary>
public sealed class ApprovalEmailRulesTests : IAsyncLifetime
{
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) north;
    private (int AccountId, int SharedFolderId, int InternalFolderId) south;

    private static readonly ApprovalInput Input = new("Please look", true, 3, 1);

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        north = await portal.CreateAccountAsync(staff, "North Ltd");
        await portal.AddPortalContactAsync(staff, north.AccountId, "ann@north.test", "Ann North");
        await portal.AddPortalContactAsync(staff, north.AccountId, "bob@north.test", "Bob North");
        south = await portal.CreateAccountAsync(staff, "South Ltd");
        await portal.AddPortalContactAsync(staff, south.AccountId, "sue@south.test", "Sue South");
        await portal.AddPortalContactAsync(staff, south.AccountId, "quiet@south.test", "Quinn Quiet", notify: false);
    }

    /// <summary>The approval emails written so far (invitations aside), as (recipient, subject, text).</summary>
    private async Task<List<(string To, string Subject, string Text)>> ApprovalMailsAsync()
    {
        await using var db = portal.NewDb();
        return (await db.OutboxMessages.Where(m => !m.Subject.Contains("client portal")).OrderBy(m => m.ToAddress).ThenBy(m => m.Id)
            .Select(m => new { m.ToAddress, m.Subject, m.TextBody }).ToListAsync())
            .Select(m => (m.ToAddress, m.Subject, m.TextBody)).ToList();
    }

    private async Task<StagedUpload> StageAsync(string name)
    {
        using var content = new MemoryStream(SampleFiles.Pdf());
        var staged = await portal.Get<DocumentService>().StageAsync(staff, new UploadRequest(north.AccountId, north.SharedFolderId, name, content.Length, ""), content, null);
        return staged.File!;
    }

    [Fact]
    public async Task An_upload_of_three_files_with_approval_sends_each_contact_one_email_listing_them()
    {
        var files = new[] { await StageAsync("Accounts.pdf"), await StageAsync("Payroll.pdf"), await StageAsync("VAT.pdf") };
        await portal.Get<ApprovalService>().SaveUploadsWithApprovalAsync(staff, new UploadBatch(north.AccountId, north.SharedFolderId, "", files), Input);

        var mails = await ApprovalMailsAsync();
        Assert.Equal(["ann@north.test", "bob@north.test"], mails.Select(m => m.To));
        Assert.All(mails, m =>
        {
            Assert.Equal("Please review and approve 3 documents", m.Subject);
            Assert.Contains("Accounts.pdf", m.Text);
            Assert.Contains("Payroll.pdf", m.Text);
            Assert.Contains("VAT.pdf", m.Text);
            Assert.Contains("Please look", m.Text);
        });
        await using var db = portal.NewDb();
        Assert.Equal(3, await db.ActionItems.CountAsync(i => i.Status == ActionItemStatus.Pending && i.TodoAt != null));
    }

    [Fact]
    public async Task When_approval_cannot_be_requested_nothing_of_the_upload_is_saved()
    {
        var files = new[] { await StageAsync("Accounts.pdf"), await StageAsync("Payroll.pdf") };
        var batch = new UploadBatch(north.AccountId, north.InternalFolderId, "", files);

        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => portal.Get<ApprovalService>().SaveUploadsWithApprovalAsync(staff, batch, Input));

        Assert.Equal("Approval can be requested only for documents in a folder the client can view.", refused.Message);
        await using var db = portal.NewDb();
        Assert.False(await db.Documents.AnyAsync());
        Assert.False(await db.ActionItems.AnyAsync());
        Assert.Empty(await ApprovalMailsAsync());
    }

    [Fact]
    public async Task Request_approval_for_pending_firm_wide_sends_one_email_per_contact_listing_their_own_accounts_documents()
    {
        var approvals = portal.Get<ApprovalService>();
        var quiet = new ApprovalInput("", false, 3, 1);
        var documents = new List<int>();
        foreach (var (account, name) in new[] { (north, "N1.pdf"), (north, "N2.pdf"), (south, "S1.pdf") })
        {
            var id = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, name, SampleFiles.Pdf());
            await approvals.RequestAsync(staff, id, quiet);
            documents.Add(id);
        }
        await using (var db = portal.NewDb()) await db.OutboxMessages.ExecuteDeleteAsync();

        Assert.Equal(3, await approvals.ResendPendingAsync(staff, documents, "All of them, please."));

        var mails = await ApprovalMailsAsync();
        Assert.Equal(["ann@north.test", "bob@north.test", "sue@south.test"], mails.Select(m => m.To));
        Assert.All(mails.Take(2), m =>
        {
            Assert.Equal("Please review and approve 2 documents", m.Subject);
            Assert.Contains("N1.pdf", m.Text);
            Assert.Contains("N2.pdf", m.Text);
            Assert.DoesNotContain("S1.pdf", m.Text);
        });
        Assert.Equal("Please review and approve: S1.pdf", mails[2].Subject);
        Assert.DoesNotContain("N1.pdf", mails[2].Text);
        Assert.All(mails, m => Assert.Contains("All of them, please.", m.Text));

        // Each counts as resent: the to-dos go back to the top and the audit says so.
        await using var check = portal.NewDb();
        Assert.All(await check.ActionItems.ToListAsync(), i => Assert.Equal(1, i.ResendCount));
        Assert.Equal(3, await check.AuditEvents.CountAsync(a => a.Action == Features.Audit.AuditAction.Resent));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
