using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using MimeKit;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>What clients and staff receive, read back from a real SMTP server on loopback.</summary>
public sealed class EmailNotificationTests : IAsyncLifetime
{
    private readonly SmtpSink smtp = SmtpSink.Start();
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;
    private int documentId;

    public async Task InitializeAsync()
    {
        var settings = smtp.Settings;
        settings["Portal:PublicBaseUrl"] = "https://portal.firm.test";
        portal = await PortalServices.StartAsync(settings);
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await portal.CreateAccountAsync(staff, "Mail Ltd");
        client = await portal.AddPortalContactAsync(staff, account.AccountId, "ann@mail.test", "Ann Notified");
        await portal.AddPortalContactAsync(staff, account.AccountId, "bob@mail.test", "Bob Notified");
        await portal.AddPortalContactAsync(staff, account.AccountId, "quiet@mail.test", "Quinn Quiet", notify: false);
        await portal.Get<ContactService>().SaveAsync(staff, new ContactInput(null, account.AccountId, "No Login", "nologin@mail.test", Notify: true, PortalAccess: false));
        var other = await portal.CreateAccountAsync(staff, "Other Ltd");
        await portal.AddPortalContactAsync(staff, other.AccountId, "other@other.test", "Olga Other");
        documentId = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Year end.pdf", SampleFiles.Pdf());
        await DispatchAsync();
    }

    private Task<int> DispatchAsync() => portal.Get<OutboxDispatcher>().DispatchAsync();

    private List<MimeMessage> ApprovalMails() => smtp.Messages().Where(m => m.Subject?.Contains("client portal") != true).ToList();

    [Fact]
    public void Portal_access_sends_the_invitation_by_email()
    {
        var invitation = Assert.Single(smtp.MessagesTo("ann@mail.test"));
        Assert.Equal("Your access to Harbor & Pine Accounting's client portal", invitation.Subject);
        Assert.Contains("https://portal.firm.test/account/set-password?user=", invitation.HtmlBody);
        Assert.Contains("https://portal.firm.test/account/set-password?user=", invitation.TextBody);
        Assert.Empty(smtp.MessagesTo("nologin@mail.test"));
    }

    [Fact]
    public async Task A_request_reaches_every_notified_portal_contact_and_no_one_else_with_the_review_link()
    {
        await portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("Please approve by Friday.", true, 3, 1));
        Assert.Equal(2, await DispatchAsync());

        var mails = ApprovalMails();
        Assert.Equal(["ann@mail.test", "bob@mail.test"], mails.SelectMany(m => m.To.Mailboxes).Select(b => b.Address).Order());
        foreach (var mail in mails)
        {
            Assert.Equal("Please review and approve: Year end.pdf", mail.Subject);
            Assert.Equal("Harbor & Pine Accounting", mail.From.Mailboxes.Single().Name);
            Assert.Contains("https://portal.firm.test/portal/documents/" + documentId, mail.HtmlBody);
            Assert.Contains("Review documents", mail.HtmlBody);
            Assert.Contains("Please approve by Friday.", mail.HtmlBody);
            Assert.Contains("https://portal.firm.test/portal/documents/" + documentId, mail.TextBody);
            Assert.Contains("Please approve by Friday.", mail.TextBody);
        }
    }

    [Fact]
    public async Task A_resend_emails_again_and_a_bulk_request_lists_every_pending_document_in_one_email()
    {
        var approvals = portal.Get<ApprovalService>();
        var second = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Payroll.pdf", SampleFiles.Pdf());
        await approvals.RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
        await approvals.RequestAsync(staff, second, new ApprovalInput("", false, 3, 1));
        await approvals.ResendAsync(staff, documentId, new ApprovalInput("Still waiting on this one.", false, 3, 1));
        await DispatchAsync();
        var resent = ApprovalMails().Where(m => m.Subject == "Still waiting for your approval: Year end.pdf").ToList();
        Assert.Equal(2, resent.Count);
        Assert.All(resent, m => Assert.Contains("Still waiting on this one.", m.TextBody));

        Assert.Equal(2, await approvals.ResendAllPendingAsync(staff, account.AccountId, "Both, please."));
        await DispatchAsync();
        var bulk = ApprovalMails().Where(m => m.Subject == "Please review and approve 2 documents").ToList();
        Assert.Equal(["ann@mail.test", "bob@mail.test"], bulk.SelectMany(m => m.To.Mailboxes).Select(b => b.Address).Order());
        Assert.All(bulk, m =>
        {
            Assert.Contains("Payroll.pdf", m.HtmlBody);
            Assert.Contains("Year end.pdf", m.HtmlBody);
            Assert.Contains("Both, please.", m.TextBody);
        });
    }

    [Fact]
    public async Task The_staff_member_is_emailed_about_a_decision_only_while_the_preference_is_on()
    {
        var approvals = portal.Get<ApprovalService>();
        var decisions = portal.Get<ClientApprovalService>();
        var first = await approvals.RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
        await decisions.DisapproveAsync(client, first, new DisapprovalInput([1], "Turnover is off."));
        await DispatchAsync();
        var told = Assert.Single(smtp.MessagesTo("staff@firm.test"));
        Assert.Equal("Ann Notified disapproved Year end.pdf", told.Subject);
        Assert.Contains("Amounts are wrong", told.HtmlBody);
        Assert.Contains("Turnover is off.", told.TextBody);
        Assert.Equal(1, await portal.Get<InboxService>().CountUnreadAsync(staff));

        await portal.Get<InboxService>().SavePreferencesAsync(staff, new NotificationPreferences(Approvals: false, AllApprovals: false));
        var second = await approvals.RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
        await decisions.ApproveAsync(client, second);
        await DispatchAsync();
        Assert.Single(smtp.MessagesTo("staff@firm.test"));
        Assert.Equal(1, await portal.Get<InboxService>().CountUnreadAsync(staff));
    }

    [Fact]
    public async Task An_admin_who_chose_all_approvals_is_told_about_other_staffs_requests()
    {
        var admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        await portal.Get<InboxService>().SavePreferencesAsync(admin, new NotificationPreferences(true, AllApprovals: true));
        var request = await portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
        await portal.Get<ClientApprovalService>().ApproveAsync(client, request);
        await DispatchAsync();

        Assert.Equal("Ann Notified approved Year end.pdf", Assert.Single(smtp.MessagesTo("admin@firm.test")).Subject);
        var item = Assert.Single(await portal.Get<InboxService>().ListAsync(admin));
        Assert.Equal($"/documents/{documentId}", item.Link);
    }

    public async Task DisposeAsync()
    {
        await portal.DisposeAsync();
        smtp.Dispose();
    }
}
