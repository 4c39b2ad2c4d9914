using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>Jobs through the real services and a real SQLite file: automove, stage automations, hand moves, archiving.</summary>
public sealed class JobWorkflowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private PortalServices portal = default!;
    private PortalUser admin = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;
    private int[] stages = [];

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await portal.CreateAccountAsync(staff, "Jobs Ltd");
        client = await portal.AddPortalContactAsync(staff, account.AccountId, "client@jobs.test");
        var pipelines = portal.Get<PipelineService>();
        var pipeline = await pipelines.CreateAsync(admin, "Tax return");
        stages = [
            await pipelines.AddStageAsync(admin, pipeline, "Preparation"),
            await pipelines.AddStageAsync(admin, pipeline, "Client review"),
            await pipelines.AddStageAsync(admin, pipeline, "Filing"),
            await pipelines.AddStageAsync(admin, pipeline, "Done"),
        ];
        await pipelines.ConfigureStageAsync(admin, stages[1], automove: true, automation: null);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private Task<int> CreateJobAsync(int stage) =>
        portal.Get<JobChanges>().CreateAsync(staff, new JobInput(account.AccountId, "Tax return 2026", stage, staff.UserId, null));

    private async Task<(int DocumentId, int RequestId)> RequestLinkedAsync(int jobId, string name, bool reminders = false)
    {
        var documentId = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, name, SampleFiles.Pdf());
        var requestId = await portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("", reminders, 3, 2, jobId));
        return (documentId, requestId);
    }

    private async Task<string> StageOfAsync(int jobId) => (await portal.Get<JobService>().GetAsync(staff, jobId)).Job.StageName;

    [Fact]
    public async Task Approving_the_last_linked_request_moves_the_job_and_its_activity_says_so()
    {
        var job = await CreateJobAsync(stages[1]);
        var (_, first) = await RequestLinkedAsync(job, "Return.pdf");
        var (_, second) = await RequestLinkedAsync(job, "Computation.pdf");

        await portal.Get<ClientApprovalService>().ApproveAsync(client, first);
        Assert.Equal("Client review", await StageOfAsync(job));

        await portal.Get<ClientApprovalService>().ApproveAsync(client, second);
        var details = await portal.Get<JobService>().GetAsync(staff, job);
        Assert.Equal("Filing", details.Job.StageName);
        var move = details.Activity.First(a => a.Kind == JobActivityKind.Automoved);
        Assert.Equal(JobAutomove.ActorName, move.ActorName);
        Assert.Contains("\"Computation.pdf\" (approved)", move.Details);
        await using var db = portal.NewDb();
        Assert.Equal(second, await db.JobActivities.Where(a => a.Kind == JobActivityKind.Automoved).Select(a => a.ActionItemId).SingleAsync());
    }

    [Fact]
    public async Task A_disapproval_or_a_cancel_never_moves_the_job()
    {
        var job = await CreateJobAsync(stages[1]);
        var (_, approved) = await RequestLinkedAsync(job, "Return.pdf");
        var (_, disapproved) = await RequestLinkedAsync(job, "Computation.pdf");
        var (cancelledDocument, _) = await RequestLinkedAsync(job, "Letter.pdf");
        var reason = (await portal.Get<ClientApprovalService>().ListReasonOptionsAsync()).First(r => !r.RequiresComment);

        await portal.Get<ClientApprovalService>().ApproveAsync(client, approved);
        await portal.Get<ApprovalService>().CancelAsync(staff, cancelledDocument);
        await portal.Get<ClientApprovalService>().DisapproveAsync(client, disapproved, new DisapprovalInput([reason.Id], ""));
        Assert.Equal(0, await portal.Get<JobAutomove>().SweepAsync(CancellationToken.None));
        Assert.Equal("Client review", await StageOfAsync(job));
    }

    [Fact]
    public async Task Withdrawing_the_last_waiting_request_after_another_was_approved_never_moves_the_job_not_even_by_the_sweep()
    {
        var job = await CreateJobAsync(stages[1]);
        var (_, approved) = await RequestLinkedAsync(job, "Return.pdf");
        var (cancelled, _) = await RequestLinkedAsync(job, "Letter.pdf");
        var (_, unlinkedRequest) = await RequestLinkedAsync(job, "Notes.pdf");
        await portal.Get<ClientApprovalService>().ApproveAsync(client, approved);
        clock.Advance(TimeSpan.FromMinutes(5));
        await portal.Get<ApprovalService>().CancelAsync(staff, cancelled);
        await portal.Get<JobChanges>().UnlinkAsync(staff, job, unlinkedRequest);

        Assert.Equal(0, await portal.Get<JobAutomove>().SweepAsync(CancellationToken.None));
        Assert.Equal("Client review", await StageOfAsync(job));
    }

    [Fact]
    public async Task A_stage_that_becomes_the_last_loses_automove_and_the_last_stage_refuses_it()
    {
        var pipelines = portal.Get<PipelineService>();
        await pipelines.MoveStageAsync(admin, stages[1], 3);
        Assert.False((await pipelines.ListAsync(admin)).Single().Stages.Single(s => s.Id == stages[1]).Automove);
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => pipelines.ConfigureStageAsync(admin, stages[1], automove: true, automation: null));
        Assert.Contains("no next stage", refused.Message);
    }

    [Fact]
    public async Task A_disapproved_document_asked_again_and_approved_moves_the_job()
    {
        var job = await CreateJobAsync(stages[1]);
        var (document, first) = await RequestLinkedAsync(job, "Return.pdf");
        var reason = (await portal.Get<ClientApprovalService>().ListReasonOptionsAsync()).First(r => !r.RequiresComment);
        await portal.Get<ClientApprovalService>().DisapproveAsync(client, first, new DisapprovalInput([reason.Id], ""));

        var again = await portal.Get<ApprovalService>().RequestAsync(staff, document, new ApprovalInput("Corrected", false, 3, 1, job));
        await portal.Get<ClientApprovalService>().ApproveAsync(client, again);
        Assert.Equal("Filing", await StageOfAsync(job));
    }

    [Fact]
    public async Task Without_automove_the_job_stays_and_the_sweep_catches_a_move_that_was_missed()
    {
        var job = await CreateJobAsync(stages[1]);
        var (_, request) = await RequestLinkedAsync(job, "Return.pdf");
        await portal.Get<PipelineService>().ConfigureStageAsync(admin, stages[1], automove: false, automation: null);
        await portal.Get<ClientApprovalService>().ApproveAsync(client, request);
        Assert.Equal("Client review", await StageOfAsync(job));

        // Switched on later (or the first run failed): the minute sweep moves the job.
        await portal.Get<PipelineService>().ConfigureStageAsync(admin, stages[1], automove: true, automation: null);
        Assert.Equal(1, await portal.Get<JobAutomove>().SweepAsync(CancellationToken.None));
        Assert.Equal("Filing", await StageOfAsync(job));
        Assert.Equal(0, await portal.Get<JobAutomove>().SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Entering_a_stage_requests_approval_of_the_folders_documents_with_its_settings_and_a_later_change_affects_only_later_jobs()
    {
        var folder = await portal.Get<AccountService>().SaveFolderAsync(staff, account.AccountId, null, "Tax returns", FolderAccess.ClientCanView);
        await portal.UploadAsync(staff, account.AccountId, folder, "Return 2026.pdf", SampleFiles.Pdf());
        var pending = await portal.UploadAsync(staff, account.AccountId, folder, "Already asked.pdf", SampleFiles.Pdf());
        await portal.Get<ApprovalService>().RequestAsync(staff, pending, new ApprovalInput("", false, 3, 1));
        await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Elsewhere.pdf", SampleFiles.Pdf());
        await portal.Get<PipelineService>().ConfigureStageAsync(admin, stages[1], automove: true,
            new StageAutomation("tax returns", "Please approve your return.", new ReminderSettings(true, 2, 3)));

        var job = await CreateJobAsync(stages[0]);
        await portal.Get<JobChanges>().MoveAsync(staff, new JobMove(job, stages[1]));
        await portal.Get<PipelineService>().ConfigureStageAsync(admin, stages[1], automove: true,
            new StageAutomation("Tax returns", "Changed message", new ReminderSettings(false, 3, 1)));

        await using var db = portal.NewDb();
        var requested = await db.ActionItems.Where(i => i.JobId == job).SingleAsync();
        Assert.Equal(("Return 2026.pdf", "Please approve your return.", true, 2, 3),
            (requested.Title, requested.Message, requested.RemindersEnabled, requested.ReminderIntervalDays, requested.ReminderCount));
        var details = await portal.Get<JobService>().GetAsync(staff, job);
        Assert.Contains(details.Activity, a => a.Kind == JobActivityKind.Automation && a.Details.Contains("\"Return 2026.pdf\""));

        // The client approves the request the automation sent: the job moves on by itself.
        await portal.Get<ClientApprovalService>().ApproveAsync(client, requested.Id);
        Assert.Equal("Filing", await StageOfAsync(job));
    }

    [Fact]
    public async Task A_stage_automation_says_why_it_requested_nothing()
    {
        await portal.Get<PipelineService>().ConfigureStageAsync(admin, stages[1], automove: true,
            new StageAutomation("Missing folder", "", ReminderSettings.Off));
        var job = await CreateJobAsync(stages[1]);
        var details = await portal.Get<JobService>().GetAsync(staff, job);
        Assert.Contains(details.Activity, a => a.Kind == JobActivityKind.Automation && a.Details.Contains("the account has no folder \"Missing folder\""));
        Assert.Empty(details.Items);
    }

    [Fact]
    public async Task Moving_on_by_hand_can_cancel_the_waiting_requests_or_keep_them()
    {
        var job = await CreateJobAsync(stages[1]);
        var (_, kept) = await RequestLinkedAsync(job, "Kept.pdf");
        await portal.Get<JobChanges>().MoveAsync(staff, new JobMove(job, stages[2], WaitingItemsChoice.KeepWaiting));
        await portal.Get<JobChanges>().MoveAsync(staff, new JobMove(job, stages[1]));
        await portal.Get<JobChanges>().MoveAsync(staff, new JobMove(job, stages[2], WaitingItemsChoice.Cancel));

        await using var db = portal.NewDb();
        Assert.Equal(ActionItemStatus.Cancelled, await db.ActionItems.Where(i => i.Id == kept).Select(i => i.Status).SingleAsync());
        var moves = (await portal.Get<JobService>().GetAsync(staff, job)).Activity.Where(a => a.Kind == JobActivityKind.Moved).Select(a => a.Details).ToList();
        Assert.Equal([
            "Moved from \"Client review\" to \"Filing\": 1 request cancelled",
            "Moved from \"Filing\" to \"Client review\": 1 request still waiting for the client",
            "Moved from \"Client review\" to \"Filing\": 1 request still waiting for the client",
        ], moves);
    }

    [Fact]
    public async Task Archiving_the_job_stops_reminders_and_unarchiving_starts_a_fresh_schedule()
    {
        var job = await CreateJobAsync(stages[1]);
        var (documentId, request) = await RequestLinkedAsync(job, "Return.pdf", reminders: true);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await portal.Get<ReminderSweep>().SweepAsync());

        await portal.Get<JobChanges>().ArchiveAsync(staff, job);
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await portal.Get<ReminderSweep>().SweepAsync());
        var state = (await portal.Get<ApprovalService>().GetStateAsync(staff, documentId)).Current!.Item;
        Assert.Equal("Reminders: 1 of 2 sent, stopped: job archived", ReminderStatus.Describe(state));
        // The client can still act on it.
        Assert.NotNull(await portal.Get<ClientApprovalService>().GetPromptAsync(client, documentId));

        await portal.Get<JobChanges>().UnarchiveAsync(staff, job);
        var restarted = (await portal.Get<ApprovalService>().GetStateAsync(staff, documentId)).Current!.Item;
        Assert.Equal((0, clock.GetUtcNow().UtcDateTime.AddDays(3)), (restarted.RemindersSent, restarted.NextReminderAt!.Value));
        clock.Advance(TimeSpan.FromDays(2.9));
        Assert.Equal(0, await portal.Get<ReminderSweep>().SweepAsync());
        clock.Advance(TimeSpan.FromDays(0.2));
        Assert.Equal(1, await portal.Get<ReminderSweep>().SweepAsync());
        clock.Advance(TimeSpan.FromDays(3.1));
        Assert.Equal(1, await portal.Get<ReminderSweep>().SweepAsync());

        await using var db = portal.NewDb();
        var keys = await db.OutboxMessages.Where(m => m.DeduplicationKey != null).Select(m => m.DeduplicationKey!).ToListAsync();
        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal(request, await db.ActionItems.Where(i => i.JobId == job).Select(i => i.Id).SingleAsync());
    }

    [Fact]
    public async Task A_stage_holding_jobs_cannot_be_deleted_and_the_message_says_how_many()
    {
        await CreateJobAsync(stages[0]);
        var archived = await CreateJobAsync(stages[0]);
        await portal.Get<JobChanges>().ArchiveAsync(staff, archived);
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => portal.Get<PipelineService>().DeleteStageAsync(admin, stages[0]));
        Assert.Equal("The stage \"Preparation\" holds 2 jobs (archived ones included): move them to another stage before deleting it.", refused.Message);

        await portal.Get<PipelineService>().DeleteStageAsync(admin, stages[3]);
        var names = (await portal.Get<PipelineService>().ListAsync(staff)).Single().Stages.Select(s => (s.Name, s.Position));
        Assert.Equal([("Preparation", 0), ("Client review", 1), ("Filing", 2)], names);
    }

    [Fact]
    public async Task Only_admins_change_pipelines_and_requests_link_only_to_active_jobs_of_their_account()
    {
        await Assert.ThrowsAsync<PortalRuleException>(() => portal.Get<PipelineService>().AddStageAsync(staff, 1, "Sneaky"));

        var other = await portal.CreateAccountAsync(staff, "Other Ltd");
        var otherJob = await portal.Get<JobChanges>().CreateAsync(staff, new JobInput(other.AccountId, "Theirs", stages[0], null, null));
        var documentId = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Mine.pdf", SampleFiles.Pdf());
        var wrongAccount = await Assert.ThrowsAsync<PortalRuleException>(() =>
            portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1, otherJob)));
        Assert.Contains("does not belong to this client account", wrongAccount.Message);

        var job = await CreateJobAsync(stages[0]);
        await portal.Get<JobChanges>().ArchiveAsync(staff, job);
        var archived = await Assert.ThrowsAsync<PortalRuleException>(() =>
            portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1, job)));
        Assert.Contains("is archived", archived.Message);
        Assert.Empty(await portal.Get<ApprovalService>().ListJobsAsync(staff, account.AccountId));
    }

    [Fact]
    public async Task Waiting_requests_are_linked_and_unlinked_from_the_job_page_with_their_trail()
    {
        var job = await CreateJobAsync(stages[0]);
        var documentId = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Loose.pdf", SampleFiles.Pdf());
        var request = await portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
        var linkable = await portal.Get<JobService>().ListLinkableAsync(staff, job);
        Assert.Equal(["Loose.pdf"], linkable.Select(l => l.Title));

        await portal.Get<JobChanges>().LinkAsync(staff, job, [request]);
        Assert.Equal(1, (await portal.Get<JobService>().GetAsync(staff, job)).Job.PendingItems);
        await portal.Get<JobChanges>().UnlinkAsync(staff, job, request);
        var details = await portal.Get<JobService>().GetAsync(staff, job);
        Assert.Empty(details.Items);
        Assert.Equal([JobActivityKind.ItemUnlinked, JobActivityKind.ItemLinked], details.Activity.Take(2).Select(a => a.Kind));
        await using var db = portal.NewDb();
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.ActionItemId == request && a.Action == Features.Audit.AuditAction.JobLinked));
    }
}
