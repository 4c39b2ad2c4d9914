using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Tests.Unit;

/// <summary>The shared life's rules, on the entity alone: sending, resending, the reminder schedule and closing.</summary>
public sealed class ActionItemTests
{
    private static readonly DateTime Sent = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly PortalUser Staff = new("staff", "Sam Staff", false, true, false);
    private static readonly PortalUser Client = new("client", "Cleo Client", false, false, true);

    private static ActionItem Send(bool reminders = true, int days = 3, int count = 1) =>
        ActionItem.Send("approval", 1, 7, "Accounts.pdf", "Please look", new ReminderSettings(reminders, days, count), Staff, Sent, "Sent");

    private static void RemindAt(ActionItem item, DateTime at) => item.RecordReminder(ReminderSweep.System, at, anyoneEmailed: true);

    [Fact]
    public void A_new_item_waits_at_the_top_of_pending_action_with_its_first_reminder_one_interval_later()
    {
        var item = Send(days: 3, count: 2);
        Assert.Equal((ActionItemStatus.Pending, (DateTime?)Sent, (DateTime?)Sent.AddDays(3), 0), (item.Status, item.TodoAt, item.NextReminderAt, item.RemindersSent));
        var entry = Assert.Single(item.AuditEvents);
        Assert.Equal((AuditAction.Requested, "approval", (int?)7, "Sam Staff"), (entry.Action, entry.ItemKind, entry.DocumentId, entry.ActorName));
    }

    [Fact]
    public void Without_reminders_nothing_is_scheduled()
    {
        var item = Send(reminders: false);
        Assert.Null(item.NextReminderAt);
        Assert.False(item.IsDue(Sent.AddYears(1)));
    }

    [Theory]
    [InlineData(0, 1, "Days until next reminder must be between 1 and 365.")]
    [InlineData(366, 1, "Days until next reminder must be between 1 and 365.")]
    [InlineData(3, 0, "Number of reminders must be between 1 and 20.")]
    [InlineData(3, 21, "Number of reminders must be between 1 and 20.")]
    public void Reminder_settings_out_of_range_are_refused_with_the_field_named(int days, int count, string message)
    {
        var refused = Assert.Throws<PortalRuleException>(() => Send(days: days, count: count));
        Assert.Equal(message, refused.Message);
        // Switched off, the numbers do not matter.
        Send(reminders: false, days: days, count: count);
    }

    [Fact]
    public void A_message_over_the_limit_is_refused()
    {
        var refused = Assert.Throws<PortalRuleException>(() =>
            ActionItem.Send("approval", 1, null, "T", new string('x', 2001), ReminderSettings.Off, Staff, Sent, ""));
        Assert.Equal("The message must be at most 2000 characters.", refused.Message);
    }

    [Fact]
    public void Reminders_follow_the_interval_and_stop_at_the_count()
    {
        var item = Send(days: 2, count: 2);
        RemindAt(item, Sent.AddDays(2));
        Assert.Equal((1, (DateTime?)Sent.AddDays(4)), (item.RemindersSent, item.NextReminderAt));
        RemindAt(item, Sent.AddDays(4));
        Assert.Equal((2, (DateTime?)null), (item.RemindersSent, item.NextReminderAt));
        Assert.False(item.IsDue(Sent.AddDays(30)));
        Assert.Equal(["Reminder 1 of 2 sent", "Reminder 2 of 2 sent"], item.AuditEvents.Where(a => a.Action == AuditAction.ReminderSent).Select(a => a.Details));
    }

    [Fact]
    public void After_downtime_the_next_reminder_falls_one_interval_after_the_one_sent_late()
    {
        var item = Send(days: 2, count: 4);
        var late = Sent.AddDays(7);
        Assert.True(item.IsDue(late));
        RemindAt(item, late);
        // Not due again at once, although days 4 and 6 passed too: the rest keep their spacing.
        Assert.False(item.IsDue(late));
        Assert.Equal(late.AddDays(2), item.NextReminderAt);
    }

    [Fact]
    public void A_reminder_that_is_not_due_cannot_be_recorded()
    {
        var item = Send(days: 3);
        Assert.Throws<InvalidOperationException>(() => RemindAt(item, Sent.AddDays(1)));
    }

    [Fact]
    public void A_resend_moves_the_todo_to_the_top_and_starts_a_fresh_schedule_even_after_the_last_reminder()
    {
        var item = Send(days: 2, count: 1);
        RemindAt(item, Sent.AddDays(2));
        Assert.Null(item.NextReminderAt);

        var resent = Sent.AddDays(5);
        item.Resend(Staff, "Still waiting", new ReminderSettings(true, 3, 2), resent, "Resent");
        Assert.Equal((resent, (DateTime?)resent, 1, 0, (DateTime?)resent.AddDays(3), "Still waiting"),
            (item.LastSentAt, item.TodoAt, item.ResendCount, item.RemindersSent, item.NextReminderAt, item.Message));
        Assert.Equal(1, item.ReminderRound);
    }

    [Fact]
    public void Changing_reminders_counts_from_the_last_contact_and_never_below_the_ones_sent()
    {
        var item = Send(days: 3, count: 3);
        RemindAt(item, Sent.AddDays(3));
        item.ChangeReminders(Staff, new ReminderSettings(true, 1, 3), Sent.AddDays(3.5));
        Assert.Equal(Sent.AddDays(4), item.NextReminderAt);

        // A new interval whose date has passed already means "at the next sweep".
        item.ChangeReminders(Staff, new ReminderSettings(true, 1, 3), Sent.AddDays(10));
        Assert.Equal(Sent.AddDays(10), item.NextReminderAt);

        var refused = Assert.Throws<PortalRuleException>(() => item.ChangeReminders(Staff, new ReminderSettings(true, 1, 0), Sent.AddDays(10)));
        Assert.Equal("Number of reminders must be between 1 and 20.", refused.Message);
        RemindAt(item, Sent.AddDays(10));
        var lower = Assert.Throws<PortalRuleException>(() => item.ChangeReminders(Staff, new ReminderSettings(true, 1, 1), Sent.AddDays(10)));
        Assert.Equal("2 reminders were sent already: the number of reminders cannot be lower.", lower.Message);

        item.ChangeReminders(Staff, new ReminderSettings(false, 1, 3), Sent.AddDays(10));
        Assert.Null(item.NextReminderAt);
    }

    [Fact]
    public void Every_change_writes_a_new_concurrency_stamp()
    {
        var item = Send();
        var stamps = new HashSet<Guid> { item.ConcurrencyStamp };
        item.ChangeReminders(Staff, new ReminderSettings(true, 1, 2), Sent);
        Assert.True(stamps.Add(item.ConcurrencyStamp));
        item.Resend(Staff, "", new ReminderSettings(true, 1, 2), Sent.AddHours(1), "");
        Assert.True(stamps.Add(item.ConcurrencyStamp));
        item.Complete(Client, Sent.AddHours(2), "Approved");
        Assert.True(stamps.Add(item.ConcurrencyStamp));
    }

    [Theory]
    [InlineData("complete")]
    [InlineData("decline")]
    [InlineData("cancel")]
    public void Closing_removes_the_todo_and_the_schedule_and_nothing_changes_it_afterwards(string how)
    {
        var item = Send(days: 1, count: 5);
        var at = Sent.AddHours(5);
        switch (how)
        {
            case "complete": item.Complete(Client, at, "Approved"); break;
            case "decline": item.Decline(Client, at, "Disapproved"); break;
            default: item.Cancel(Staff, at, "The document was deleted."); break;
        }
        Assert.Null(item.TodoAt);
        Assert.Null(item.NextReminderAt);
        Assert.False(item.Status.IsWaiting());

        Assert.Throws<PortalRuleException>(() => item.Resend(Staff, "", ReminderSettings.Off, at, ""));
        Assert.Throws<PortalRuleException>(() => item.Cancel(Staff, at));
        Assert.Throws<PortalRuleException>(() => item.Complete(Client, at, ""));
        Assert.Throws<PortalRuleException>(() => item.ChangeReminders(Staff, ReminderSettings.Off, at));
    }

    [Fact]
    public void A_cancel_records_who_and_why()
    {
        var item = Send();
        item.Cancel(Staff, Sent.AddDays(1), "The document was deleted.");
        Assert.Equal((ActionItemStatus.Cancelled, "Sam Staff", (DateTime?)Sent.AddDays(1)), (item.Status, item.CancelledByName, item.CancelledAt));
        Assert.Equal("The document was deleted.", item.AuditEvents.Single(a => a.Action == AuditAction.Cancelled).Details);
    }

    [Fact]
    public void Paused_reminders_wait_and_resume_a_full_interval_later()
    {
        var item = Send(days: 2, count: 3);
        Assert.True(item.PauseReminders(Staff, Sent, "the account was archived."));
        Assert.False(item.IsDue(Sent.AddDays(30)));
        // Changing them while paused keeps them paused.
        item.ChangeReminders(Staff, new ReminderSettings(true, 1, 3), Sent.AddDays(1));
        Assert.Null(item.NextReminderAt);

        var restored = Sent.AddDays(30);
        item.ResumeReminders(Staff, restored, "the account was restored.");
        Assert.Equal(["Reminders held: the account was archived.", "3 reminders, every 1 day", "Reminders resumed: the account was restored."],
            item.AuditEvents.Where(a => a.Action == AuditAction.RemindersChanged).Select(a => a.Details));
        Assert.Equal(restored.AddDays(1), item.NextReminderAt);
        Assert.False(item.IsDue(restored));
    }

    [Fact]
    public void Starting_keeps_the_item_waiting_for_the_client()
    {
        var item = Send(days: 1);
        item.Start();
        Assert.Equal(ActionItemStatus.InProgress, item.Status);
        Assert.True(item.IsDue(Sent.AddDays(1)));
        Assert.NotNull(item.TodoAt);
    }
}
