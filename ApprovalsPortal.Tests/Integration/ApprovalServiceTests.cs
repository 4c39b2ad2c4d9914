using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>Requests, decisions and their rules through the real services over SQLite.</summary>
public sealed class ApprovalServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly BeforeSaveHook hook = new();
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private ApprovalService approvals = default!;
    private ClientApprovalService decisions = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;
    private int documentId;

    private static readonly ApprovalInput Defaults = new("Please review the figures.", true, 3, 1);

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(configure: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.ConfigureDbContext<ApprovalsPortal.Data.AppDbContext>(o => o.AddInterceptors(hook));
        });
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await portal.CreateAccountAsync(staff, "Approvals Ltd");
        client = await portal.AddPortalContactAsync(staff, account.AccountId, "client@approvals.test", "Cleo Client");
        documentId = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Accounts.pdf", SampleFiles.Pdf());
        approvals = portal.Get<ApprovalService>();
        decisions = portal.Get<ClientApprovalService>();
    }

    private async Task<ApprovalRequest[]> RequestsAsync()
    {
        await using var db = portal.NewDb();
        return await db.ApprovalRequests.Include(r => r.Item).Include(r => r.Reasons).Where(r => r.DocumentId == documentId).OrderBy(r => r.Id).ToArrayAsync();
    }

    private async Task<AuditAction[]> AuditAsync()
    {
        await using var db = portal.NewDb();
        return await db.AuditEvents.Where(a => a.DocumentId == documentId).OrderBy(a => a.Id).Select(a => a.Action).ToArrayAsync();
    }

    [Fact]
    public async Task A_request_stores_its_settings_and_schedule_and_shows_under_pending_action()
    {
        var requestId = await approvals.RequestAsync(staff, documentId, Defaults);

        var request = (await RequestsAsync()).Single();
        Assert.Equal((ApprovalStatus.Pending, "Please review the figures.", true, 3, 1, 0, "Sam Staff"),
            (request.Status, request.Item.Message, request.Item.RemindersEnabled, request.Item.ReminderIntervalDays, request.Item.ReminderCount, request.Item.RemindersSent, request.Item.RequestedByName));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, request.Item.RequestedAt);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddDays(3), request.Item.NextReminderAt);

        var todo = Assert.Single(await portal.Get<PendingActionService>().ListAsync(client));
        Assert.Equal((requestId, "Accounts.pdf", "Please review the figures.", "Approval requested", $"/portal/documents/{documentId}"), (todo.ItemId, todo.Title, todo.Message, todo.Caption, todo.Href));
        Assert.Equal([AuditAction.Uploaded, AuditAction.Requested], await AuditAsync());

        var state = await approvals.GetStateAsync(staff, documentId);
        Assert.True(state.IsPending);
        Assert.Equal([new ActionItemRecipient(state.Recipients.Single().ContactId, "Cleo Client", "client@approvals.test")], state.Recipients);
    }

    [Fact]
    public async Task A_document_has_at_most_one_pending_request()
    {
        await approvals.RequestAsync(staff, documentId, Defaults);
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => approvals.RequestAsync(staff, documentId, Defaults));
        Assert.Equal("Approval is already requested for this document. Resend the request instead.", refused.Message);
        Assert.Single(await RequestsAsync());
    }

    private static bool Saving<T>(Microsoft.EntityFrameworkCore.DbContext db, EntityState state, Func<T, bool>? match = null) where T : class =>
        db.ChangeTracker.Entries<T>().Any(e => e.State == state && (match is null || match(e.Entity)));

    [Fact]
    public async Task Two_requests_meeting_in_the_database_leave_exactly_one_pending()
    {
        // The rival request commits while the first is about to write: the unique index refuses the first.
        hook.Once(db => Saving<ActionItem>(db, EntityState.Added), () => portal.Get<ApprovalService>().RequestAsync(staff, documentId, Defaults));
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => approvals.RequestAsync(staff, documentId, Defaults));

        Assert.True(hook.Fired);
        Assert.Equal("Approval was just requested for this document by someone else. Resend the request instead.", refused.Message);
        Assert.Single(await RequestsAsync(), r => r.Status == ApprovalStatus.Pending);
        Assert.Single(await portal.Get<PendingActionService>().ListAsync(client));
    }

    [Fact]
    public async Task Approval_is_refused_for_staff_only_folders_and_accounts_without_portal_contacts()
    {
        var internalDoc = await portal.UploadAsync(staff, account.AccountId, account.InternalFolderId, "Notes.txt", SampleFiles.Text());
        var state = await approvals.GetStateAsync(staff, internalDoc);
        Assert.Equal("Approval can be requested only for documents in a folder the client can view.", state.CannotRequestReason);
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => approvals.RequestAsync(staff, internalDoc, Defaults));
        Assert.Equal(state.CannotRequestReason, refused.Message);

        var lonely = await portal.CreateAccountAsync(staff, "No Contacts Ltd");
        var lonelyDoc = await portal.UploadAsync(staff, lonely.AccountId, lonely.SharedFolderId, "A.pdf", SampleFiles.Pdf());
        var noContact = await Assert.ThrowsAsync<PortalRuleException>(() => approvals.RequestAsync(staff, lonelyDoc, Defaults));
        Assert.Equal("No contact of this account has portal access: turn it on for a contact first.", noContact.Message);
    }

    [Fact]
    public async Task Invalid_reminder_settings_are_refused_and_nothing_is_saved()
    {
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => approvals.RequestAsync(staff, documentId, new ApprovalInput("", true, 0, 1)));
        Assert.Equal("Days until next reminder must be between 1 and 365.", refused.Message);
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task A_resend_updates_the_settings_moves_the_todo_to_the_top_and_is_audited()
    {
        var otherDoc = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Payroll.pdf", SampleFiles.Pdf());
        await approvals.RequestAsync(staff, documentId, Defaults);
        clock.Advance(TimeSpan.FromHours(1));
        await approvals.RequestAsync(staff, otherDoc, Defaults);
        Assert.Equal(["Payroll.pdf", "Accounts.pdf"], (await portal.Get<PendingActionService>().ListAsync(client)).Select(t => t.Title));

        clock.Advance(TimeSpan.FromHours(1));
        await approvals.ResendAsync(staff, documentId, new ApprovalInput("Reminder: please look today.", true, 2, 3));

        Assert.Equal(["Accounts.pdf", "Payroll.pdf"], (await portal.Get<PendingActionService>().ListAsync(client)).Select(t => t.Title));
        var request = (await RequestsAsync()).Single();
        Assert.Equal((1, "Reminder: please look today.", 2, 3), (request.Item.ResendCount, request.Item.Message, request.Item.ReminderIntervalDays, request.Item.ReminderCount));
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddDays(2), request.Item.NextReminderAt);
        Assert.Equal(AuditAction.Resent, (await AuditAsync()).Last());
    }

    [Fact]
    public async Task Cancelling_removes_the_todo_stops_reminders_and_allows_a_new_request_keeping_history()
    {
        await approvals.RequestAsync(staff, documentId, Defaults);
        await approvals.CancelAsync(staff, documentId);

        Assert.Empty(await portal.Get<PendingActionService>().ListAsync(client));
        var cancelled = (await RequestsAsync()).Single();
        Assert.Equal((ApprovalStatus.Cancelled, (DateTime?)null), (cancelled.Status, cancelled.Item.NextReminderAt));

        await approvals.RequestAsync(staff, documentId, Defaults);
        Assert.Equal([ApprovalStatus.Cancelled, ApprovalStatus.Pending], (await RequestsAsync()).Select(r => r.Status));
        Assert.Equal([AuditAction.Uploaded, AuditAction.Requested, AuditAction.Cancelled, AuditAction.Requested], await AuditAsync());
    }

    [Fact]
    public async Task A_disapproval_records_the_contact_reasons_and_comment_and_is_final()
    {
        var requestId = await approvals.RequestAsync(staff, documentId, Defaults);
        clock.Advance(TimeSpan.FromDays(1));
        await decisions.DisapproveAsync(client, requestId, new DisapprovalInput([1, 5], "VAT is on the wrong line."));

        var request = (await RequestsAsync()).Single();
        Assert.Equal((ApprovalStatus.Disapproved, "Cleo Client", "VAT is on the wrong line.", (DateTime?)null),
            (request.Status, request.DecidedByName, request.DecisionComment, request.Item.NextReminderAt));
        Assert.NotNull(request.DecidedByContactId);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, request.DecidedAt);
        Assert.Equal(["Amounts are wrong", "Other"], request.Reasons.OrderBy(r => r.Id).Select(r => r.Text));
        Assert.Empty(await portal.Get<PendingActionService>().ListAsync(client));

        var details = await approvals.GetDisapprovalAsync(staff, documentId);
        Assert.Equal(["Amounts are wrong", "Other"], details!.Reasons);

        var again = await Assert.ThrowsAsync<PortalRuleException>(() => decisions.ApproveAsync(client, requestId));
        Assert.Equal("This request was already disapproved, so it cannot be approved.", again.Message);
        var resend = await Assert.ThrowsAsync<PortalRuleException>(() => approvals.ResendAsync(staff, documentId, Defaults));
        Assert.Equal("This request was already disapproved, so it cannot be resent.", resend.Message);

        // A disapproved document can be requested again.
        await approvals.RequestAsync(staff, documentId, Defaults);
        Assert.Equal(AuditAction.Requested, (await AuditAsync()).Last());
    }

    [Fact]
    public async Task Other_without_a_comment_is_refused()
    {
        var requestId = await approvals.RequestAsync(staff, documentId, Defaults);
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => decisions.DisapproveAsync(client, requestId, new DisapprovalInput([5], " ")));
        Assert.Equal("Tell the firm what is wrong in the comment when you choose \"Other\".", refused.Message);
        Assert.Equal(ApprovalStatus.Pending, (await RequestsAsync()).Single().Status);
    }

    [Fact]
    public async Task A_decision_on_a_cancelled_request_is_refused()
    {
        var requestId = await approvals.RequestAsync(staff, documentId, Defaults);
        await approvals.CancelAsync(staff, documentId);
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => decisions.ApproveAsync(client, requestId));
        Assert.Equal("This request was cancelled by the firm, so it cannot be approved.", refused.Message);
    }

    [Fact]
    public async Task A_double_click_records_one_decision()
    {
        var requestId = await approvals.RequestAsync(staff, documentId, Defaults);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Attempt(() => portal.Get<ClientApprovalService>().ApproveAsync(client, requestId))));
        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal("This request was already approved, so it cannot be approved.", o));
        await using var db = portal.NewDb();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.DocumentId == documentId && a.Action == AuditAction.Completed));
    }

    [Fact]
    public async Task A_decision_that_loses_the_race_to_a_cancel_is_refused()
    {
        var requestId = await approvals.RequestAsync(staff, documentId, Defaults);
        // Staff cancel commits after the client's approval was checked but before it is written.
        hook.Once(db => Saving<ActionItem>(db, EntityState.Modified, i => i.Status == ActionItemStatus.Done),
            () => portal.Get<ApprovalService>().CancelAsync(staff, documentId));

        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => decisions.ApproveAsync(client, requestId));

        Assert.True(hook.Fired);
        Assert.Equal("This request was cancelled by the firm, so it cannot be approved.", refused.Message);
        Assert.Equal(ApprovalStatus.Cancelled, (await RequestsAsync()).Single().Status);
        Assert.DoesNotContain(AuditAction.Completed, await AuditAsync());
    }

    [Fact]
    public async Task A_cancel_that_loses_the_race_to_a_decision_is_refused()
    {
        var requestId = await approvals.RequestAsync(staff, documentId, Defaults);
        hook.Once(db => Saving<ActionItem>(db, EntityState.Modified, i => i.Status == ActionItemStatus.Cancelled),
            () => portal.Get<ClientApprovalService>().DisapproveAsync(client, requestId, new DisapprovalInput([2], "")));

        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => approvals.CancelAsync(staff, documentId));

        Assert.True(hook.Fired);
        Assert.Equal("This request was already disapproved, so it cannot be cancelled.", refused.Message);
        Assert.Equal(ApprovalStatus.Disapproved, (await RequestsAsync()).Single().Status);
    }

    private static async Task<string?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (PortalRuleException ex)
        {
            return ex.Message;
        }
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
