using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Tests.Unit;

/// <summary>What a job's archiving does to an item's reminders, and the rules of a stage's automation, without a database.</summary>
public sealed class JobHoldAndAutomationTests
{
    private static readonly DateTime Sent = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly PortalUser Staff = new("staff", "Sam Staff", false, true, false);

    private static ActionItem Send() =>
        ActionItem.Send("approval", 1, 7, "Accounts.pdf", "", new ReminderSettings(true, 3, 2), Staff, Sent, "Sent", jobId: 4);

    [Fact]
    public void Archiving_the_job_stops_reminders_and_unarchiving_starts_a_fresh_round_from_then()
    {
        var item = Send();
        item.RecordReminder(ReminderSweep.System, Sent.AddDays(3), anyoneEmailed: true);
        Assert.True(item.StopRemindersForJob(Staff, Sent.AddDays(4), "Tax return"));
        Assert.False(item.IsDue(Sent.AddDays(30)));
        Assert.Null(item.NextReminderAt);

        var unarchived = Sent.AddDays(40);
        item.RestartRemindersForJob(Staff, unarchived, "Tax return");
        Assert.Equal((0, (DateTime?)unarchived.AddDays(3), 1), (item.RemindersSent, item.NextReminderAt, item.ReminderRound));
        Assert.Contains("the job \"Tax return\" was unarchived", item.AuditEvents[^1].Details);
    }

    [Fact]
    public void Restoring_the_account_does_not_restart_what_the_jobs_archiving_stopped_nor_the_reverse()
    {
        var item = Send();
        item.PauseReminders(Staff, Sent.AddDays(1), "the account was archived.");
        item.StopRemindersForJob(Staff, Sent.AddDays(1), "Tax return");
        item.ResumeReminders(Staff, Sent.AddDays(2), "the account was restored.");
        Assert.Null(item.NextReminderAt);
        Assert.Contains("stay stopped while the job is archived", item.AuditEvents[^1].Details);

        var other = Send();
        other.PauseReminders(Staff, Sent.AddDays(1), "the account was archived.");
        other.StopRemindersForJob(Staff, Sent.AddDays(1), "Tax return");
        other.RestartRemindersForJob(Staff, Sent.AddDays(2), "Tax return");
        Assert.Null(other.NextReminderAt);
        Assert.False(other.IsDue(Sent.AddDays(60)));
    }

    [Fact]
    public void Linking_a_request_of_an_archived_job_to_an_active_one_lets_its_reminders_go_on()
    {
        var item = Send();
        item.StopRemindersForJob(Staff, Sent.AddDays(1), "Old job");
        item.LinkJob(Staff, 9, "New job", Sent.AddDays(5));
        Assert.Equal((false, 9, (DateTime?)Sent.AddDays(8)), (item.JobArchived, item.JobId, item.NextReminderAt));
    }

    [Fact]
    public void A_closed_item_changes_no_job_and_a_job_hold_leaves_it_alone()
    {
        var item = Send();
        item.Complete(new PortalUser("client", "Cleo", false, false, true), Sent.AddDays(1), "Approved");
        Assert.Throws<PortalRuleException>(() => item.LinkJob(Staff, null, "Tax return", Sent.AddDays(2)));
        Assert.False(item.StopRemindersForJob(Staff, Sent.AddDays(2), "Tax return"));
    }

    [Fact]
    public void A_stage_automation_needs_a_folder_and_valid_reminders_and_trims_what_it_keeps()
    {
        var stage = new PipelineStage { Name = "Client review" };
        Assert.Equal("Choose the folder whose documents need approval.",
            Assert.Throws<PortalRuleException>(() => stage.SetAutomation(new StageAutomation("  ", "", ReminderSettings.Off))).Message);
        Assert.Equal(ReminderSettings.IntervalMessage,
            Assert.Throws<PortalRuleException>(() => stage.SetAutomation(new StageAutomation("Tax returns", "", new ReminderSettings(true, 0, 1)))).Message);
        Assert.Null(stage.Automation);

        stage.SetAutomation(new StageAutomation(" Tax returns ", " Please approve. ", new ReminderSettings(true, 2, 3)));
        Assert.Equal(new StageAutomation("Tax returns", "Please approve.", new ReminderSettings(true, 2, 3)), stage.Automation);
        stage.SetAutomation(null);
        Assert.Null(stage.Automation);
    }
}
