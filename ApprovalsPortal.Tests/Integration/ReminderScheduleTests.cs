using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>The reminder schedule, driven by a fake clock: the sweep runs "every minute" as the test moves time.</summary>
public sealed class ReminderScheduleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;
    private int documentId;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(configure: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddActionItemKind<QuestionnaireKind>();
        });
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        account = await portal.CreateAccountAsync(staff, "Reminders Ltd");
        client = await portal.AddPortalContactAsync(staff, account.AccountId, "client@reminders.test");
        documentId = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Accounts.pdf", SampleFiles.Pdf());
    }

    private Task<int> RequestAsync(bool reminders = true, int days = 3, int count = 1) =>
        portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("", reminders, days, count));

    /// <summary>Moves the clock in steps and sweeps at each, as the minute job would; returns the days (since the start) reminders went out.</summary>
    private async Task<List<double>> RunDaysAsync(double days, TimeSpan? step = null)
    {
        var sentAt = new List<double>();
        var until = clock.GetUtcNow() + TimeSpan.FromDays(days);
        while (clock.GetUtcNow() < until)
        {
            clock.Advance(step ?? TimeSpan.FromHours(1));
            var sent = await portal.Get<ReminderSweep>().SweepAsync();
            for (var i = 0; i < sent; i++) sentAt.Add(Math.Round((clock.GetUtcNow() - Start).TotalDays, 2));
        }
        return sentAt;
    }

    private async Task<string[]> ReminderMailKeysAsync()
    {
        await using var db = portal.NewDb();
        return await db.OutboxMessages.Where(m => m.DeduplicationKey != null).OrderBy(m => m.Id).Select(m => m.DeduplicationKey!).ToArrayAsync();
    }

    private async Task<int> ContactIdAsync() => (await portal.Get<ContactService>().ListAsync(staff, account.AccountId)).Single().Id;

    [Fact]
    public async Task The_default_schedule_sends_exactly_one_reminder_after_three_days()
    {
        var requestId = await RequestAsync();
        Assert.Equal([3.0], await RunDaysAsync(10));
        Assert.Equal([$"reminder:{requestId}:0:1:{await ContactIdAsync()}"], await ReminderMailKeysAsync());

        await using var db = portal.NewDb();
        var item = await db.ActionItems.SingleAsync();
        Assert.Equal((1, (DateTime?)null), (item.RemindersSent, item.NextReminderAt));
        Assert.Equal("Reminder 1 of 1 sent", await db.AuditEvents.Where(a => a.Action == AuditAction.ReminderSent).Select(a => a.Details).SingleAsync());
    }

    [Fact]
    public async Task Two_days_three_times_sends_on_days_two_four_and_six_then_stops()
    {
        await RequestAsync(days: 2, count: 3);
        Assert.Equal([2.0, 4.0, 6.0], await RunDaysAsync(12));
        Assert.Equal(3, (await ReminderMailKeysAsync()).Length);
    }

    [Fact]
    public async Task Reminders_are_off_when_the_switch_is_off()
    {
        await RequestAsync(reminders: false);
        Assert.Empty(await RunDaysAsync(10, TimeSpan.FromHours(6)));
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("disapprove")]
    [InlineData("cancel")]
    public async Task A_decision_or_a_cancel_stops_the_reminders(string action)
    {
        var requestId = await RequestAsync(days: 2, count: 3);
        Assert.Equal([2.0], await RunDaysAsync(3));
        switch (action)
        {
            case "approve": await portal.Get<ClientApprovalService>().ApproveAsync(client, requestId); break;
            case "disapprove": await portal.Get<ClientApprovalService>().DisapproveAsync(client, requestId, new DisapprovalInput([1], "")); break;
            default: await portal.Get<ApprovalService>().CancelAsync(staff, documentId); break;
        }
        Assert.Empty(await RunDaysAsync(10));
        Assert.Single(await ReminderMailKeysAsync());
    }

    [Fact]
    public async Task No_reminder_goes_out_for_a_document_the_client_can_no_longer_see()
    {
        await RequestAsync(days: 1, count: 3);
        // The folder is made staff-only behind the services' back (as an older version or a direct edit could):
        // the approval kind's own condition must still refuse.
        await using (var db = portal.NewDb())
        {
            await db.Folders.Where(f => f.Id == account.SharedFolderId).ExecuteUpdateAsync(s => s.SetProperty(f => f.Access, FolderAccess.StaffOnly));
        }
        Assert.Empty(await RunDaysAsync(5));
    }

    [Fact]
    public async Task After_downtime_one_reminder_goes_out_and_the_rest_keep_their_interval()
    {
        await RequestAsync(days: 2, count: 4);
        // The portal is down for seven days: reminders were due on days 2, 4 and 6.
        clock.Advance(TimeSpan.FromDays(7));
        var sweeps = portal.Get<ReminderSweep>();
        Assert.Equal(1, await sweeps.SweepAsync());
        // Sweeps right after (a restart, the next minute) send nothing more.
        Assert.Equal(0, await sweeps.SweepAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sweeps.SweepAsync());

        // The other three follow one interval apart, counted from the one that went out.
        Assert.Equal([9.0, 11.0, 13.0], await RunDaysAsync(8));
        var keys = await ReminderMailKeysAsync();
        Assert.Equal([1, 2, 3, 4], keys.Select(k => int.Parse(k.Split(':')[3], System.Globalization.CultureInfo.InvariantCulture)));
        var contactId = await ContactIdAsync();
        Assert.All(keys, k => Assert.EndsWith($":{contactId}", k));
    }

    [Fact]
    public async Task A_resend_starts_a_fresh_schedule_even_after_the_last_reminder()
    {
        var requestId = await RequestAsync(days: 2, count: 1);
        Assert.Equal([2.0], await RunDaysAsync(3));

        await portal.Get<ApprovalService>().ResendAsync(staff, documentId, new ApprovalInput("Still waiting", true, 2, 2));
        await using (var db = portal.NewDb())
        {
            var item = await db.ActionItems.SingleAsync();
            Assert.Equal((0, 2, (DateTime?)clock.GetUtcNow().UtcDateTime.AddDays(2)), (item.RemindersSent, item.ReminderCount, item.NextReminderAt));
        }
        Assert.Equal([5.0, 7.0], await RunDaysAsync(8));
        // The new round's reminders have keys of their own, so none is mistaken for the first round's.
        var contactId = await ContactIdAsync();
        Assert.Equal([$"reminder:{requestId}:0:1:{contactId}", $"reminder:{requestId}:1:1:{contactId}", $"reminder:{requestId}:1:2:{contactId}"],
            await ReminderMailKeysAsync());
    }

    [Fact]
    public async Task A_reminder_already_written_is_not_written_again()
    {
        var requestId = await RequestAsync(days: 2, count: 2);
        clock.Advance(TimeSpan.FromDays(2));
        // A crash after the emails were written but before the schedule moved on: the reminder's key exists already.
        var contactId = await ContactIdAsync();
        await using (var db = portal.NewDb())
        {
            db.OutboxMessages.Add(new ApprovalsPortal.Features.Email.OutboxMessage
            {
                MessageId = "earlier@test", DeduplicationKey = $"reminder:{requestId}:0:1:{contactId}", ToAddress = "client@reminders.test",
                Subject = "Reminder", CreatedAt = clock.GetUtcNow().UtcDateTime, NextAttemptAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }
        await portal.Get<ReminderSweep>().SweepAsync();
        Assert.Single(await ReminderMailKeysAsync());

        // The schedule still moves on: the second reminder follows two days later.
        await using var check = portal.NewDb();
        Assert.Equal(1, (await check.ActionItems.SingleAsync()).RemindersSent);
        Assert.Equal([4.0], await RunDaysAsync(3));
        Assert.Equal(2, (await ReminderMailKeysAsync()).Length);
    }

    [Fact]
    public async Task Staff_can_change_or_switch_off_the_reminders_of_a_pending_request()
    {
        await RequestAsync(days: 3, count: 1);
        var approvals = portal.Get<ApprovalService>();
        await approvals.UpdateRemindersAsync(staff, documentId, true, 1, 2);
        Assert.Equal([1.0, 2.0], await RunDaysAsync(5));

        await approvals.ResendAsync(staff, documentId, new ApprovalInput("", true, 1, 4));
        await approvals.UpdateRemindersAsync(staff, documentId, false, 1, 4);
        Assert.Empty(await RunDaysAsync(5));
    }

    [Fact]
    public async Task Archiving_the_account_holds_the_reminders_and_restoring_it_sends_no_burst()
    {
        var approvals = portal.Get<ApprovalService>();
        var second = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Payroll.pdf", SampleFiles.Pdf());
        await RequestAsync(days: 1, count: 3);
        await approvals.RequestAsync(staff, second, new ApprovalInput("", true, 1, 3));
        var accounts = portal.Get<AccountService>();
        Assert.Equal(["2 requests wait for the client: their automatic reminders stop while the account is archived (2 with reminders left). Restoring it starts them again, the next one a full interval later."],
            await accounts.DescribeArchiveAsync(staff, account.AccountId));

        clock.Advance(TimeSpan.FromHours(12));
        await accounts.SetArchivedAsync(staff, account.AccountId, archived: true);
        Assert.Empty(await RunDaysAsync(4.5));

        // Restored on day 5: nothing goes out at once; each request's next reminder is a full interval later.
        await accounts.SetArchivedAsync(staff, account.AccountId, archived: false);
        Assert.Equal(0, await portal.Get<ReminderSweep>().SweepAsync());
        Assert.Equal([6.0, 6.0, 7.0, 7.0, 8.0, 8.0], await RunDaysAsync(4));
    }

    [Fact]
    public async Task A_request_sent_while_the_account_is_archived_waits_for_the_restore()
    {
        await portal.Get<AccountService>().SetArchivedAsync(staff, account.AccountId, archived: true);
        await RequestAsync(days: 1, count: 2);
        Assert.Empty(await RunDaysAsync(3));

        await portal.Get<AccountService>().SetArchivedAsync(staff, account.AccountId, archived: false);
        Assert.Equal([4.0, 5.0], await RunDaysAsync(3));
    }

    [Fact]
    public async Task The_sweep_reminds_every_kind_in_the_kinds_own_words()
    {
        await RequestAsync(days: 2, count: 1);
        await using (var db = portal.NewDb())
        {
            db.ActionItems.Add(ActionItem.Send(QuestionnaireKind.Key, account.AccountId, null, "Year-end questions", "", new ReminderSettings(true, 2, 1),
                staff, clock.GetUtcNow().UtcDateTime, "Sent"));
            await db.SaveChangesAsync();
        }

        Assert.Equal([2.0, 2.0], await RunDaysAsync(3));
        await using var check = portal.NewDb();
        Assert.Equal(["Reminder: answer Year-end questions", "Reminder: please review and approve Accounts.pdf"],
            await check.OutboxMessages.Where(m => m.DeduplicationKey != null).OrderBy(m => m.Subject).Select(m => m.Subject).ToListAsync());
        Assert.Equal([ApprovalRequest.Kind, QuestionnaireKind.Key],
            await check.AuditEvents.Where(a => a.Action == AuditAction.ReminderSent).OrderBy(a => a.ItemKind).Select(a => a.ItemKind).ToListAsync());

        // An item without a document has a trail of its own, named in its kind's words.
        var questionnaire = await check.ActionItems.SingleAsync(i => i.Kind == QuestionnaireKind.Key);
        var audit = portal.Get<AuditService>();
        Assert.Equal(["Reminder sent", "Requested"], (await audit.ItemTrailAsync(staff, questionnaire.Id)).Select(audit.Label));
    }

    [Fact]
    public async Task Reminders_due_together_for_one_contact_arrive_as_one_email_listing_them()
    {
        var second = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Payroll.pdf", SampleFiles.Pdf());
        await RequestAsync(days: 2, count: 1);
        await portal.Get<ApprovalService>().RequestAsync(staff, second, new ApprovalInput("", true, 2, 1));

        Assert.Equal([2.0, 2.0], await RunDaysAsync(3));
        await using var db = portal.NewDb();
        var reminder = Assert.Single(await db.OutboxMessages.Where(m => m.Subject.StartsWith("Reminder")).ToListAsync());
        Assert.Equal("Reminder: please review and approve 2 documents", reminder.Subject);
        Assert.Contains("Accounts.pdf", reminder.TextBody);
        Assert.Contains("Payroll.pdf", reminder.TextBody);
        // Both items count the reminder as sent, in their own trails.
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == AuditAction.ReminderSent));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
