using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Chats;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>Chats through the real services and a real SQLite file, with a fake clock for bursts and reminders.</summary>
public sealed class ChatWorkflowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private PortalUser other = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;
    private long invitationsUpTo;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await portal.CreateAccountAsync(staff, "Bakery Ltd");
        client = await portal.AddPortalContactAsync(staff, account.AccountId, "olivia@bakery.test", "Olivia Baker");
        var elsewhere = await portal.CreateAccountAsync(staff, "Other Ltd");
        other = await portal.AddPortalContactAsync(staff, elsewhere.AccountId, "otto@other.test", "Otto Other");
        await using var db = portal.NewDb();
        invitationsUpTo = await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private ChatService Chats => portal.Get<ChatService>();
    private ClientChatService ClientChats => portal.Get<ClientChatService>();

    private Task<int> StartAsync(ReminderSettings? reminders = null) =>
        Chats.StartAsync(staff, new ChatStartInput(account.AccountId, "Bank statements", "Could you send March's statement?", null, reminders ?? new ReminderSettings(true, 3, 2), []));

    private async Task<List<Features.Email.OutboxMessage>> ClientMailAsync()
    {
        await using var db = portal.NewDb();
        return await db.OutboxMessages.Where(m => m.Id > invitationsUpTo && m.ToAddress == "olivia@bakery.test").OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task Messages_within_the_burst_window_go_out_as_one_email_and_a_later_one_as_another()
    {
        var id = await StartAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        await Chats.WriteAsync(staff, id, new ChatMessageInput("Also April's, if you have it.", new ReminderSettings(true, 3, 2), []));
        var notifier = portal.Get<ChatNotifier>();
        Assert.Equal(0, await notifier.SweepAsync());
        Assert.Empty(await ClientMailAsync());

        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await notifier.SweepAsync());
        var first = Assert.Single(await ClientMailAsync());
        Assert.Contains("Bank statements", first.Subject);
        Assert.Contains("Could you send March's statement?", first.TextBody);
        Assert.Contains("Also April's, if you have it.", first.TextBody);
        Assert.Equal(0, await notifier.SweepAsync());

        clock.Advance(TimeSpan.FromMinutes(30));
        await Chats.WriteAsync(staff, id, new ChatMessageInput("Thanks!", ReminderSettings.Off, []));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(1, await notifier.SweepAsync());
        Assert.Equal(2, (await ClientMailAsync()).Count);
    }

    [Fact]
    public async Task Reminders_concern_the_last_message_and_stop_when_the_client_replies()
    {
        var id = await StartAsync(new ReminderSettings(true, 3, 2));
        var sweep = portal.Get<ReminderSweep>();
        Assert.Contains(await portal.Get<PendingActionService>().ListAsync(client), t => t.ItemId == id);

        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await sweep.SweepAsync());
        var reminder = (await ClientMailAsync()).Last();
        Assert.StartsWith("Reminder", reminder.Subject);
        Assert.Contains("Could you send March's statement?", reminder.TextBody);

        await ClientChats.ReplyAsync(client, id, "Sending it tonight.");
        Assert.DoesNotContain(await portal.Get<PendingActionService>().ListAsync(client), t => t.ItemId == id);
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await sweep.SweepAsync());
        await using (var db = portal.NewDb())
            Assert.True(await db.StaffNotifications.AnyAsync(n => n.UserId == staff.UserId && n.ActionItemId == id && n.Title.Contains("Olivia Baker replied")));
        Assert.Equal(ChatState.AwaitingUs, (await Chats.OpenAsync(staff, id)).State);

        // The firm writes again: the client's turn, and a fresh schedule about this new message.
        await Chats.WriteAsync(staff, id, new ChatMessageInput("Got it, one more question.", new ReminderSettings(true, 2, 1), []));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await sweep.SweepAsync());
        Assert.Contains("one more question", (await ClientMailAsync()).Last().TextBody);
        clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(0, await sweep.SweepAsync());
    }

    [Fact]
    public async Task Archiving_stops_reminders_and_replies_and_reopening_switches_reminders_on_again()
    {
        var id = await StartAsync(new ReminderSettings(true, 3, 1));
        await Chats.ArchiveAsync(staff, id);
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => ClientChats.ReplyAsync(client, id, "Hello?"));
        Assert.Contains("closed this conversation", refused.Message);
        clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(0, await portal.Get<ReminderSweep>().SweepAsync());
        Assert.Equal(ChatState.Archived, (await Chats.ListAsync(staff, new ChatFilter(ChatState.Archived))).Items.Single().State);

        await Chats.ReopenAsync(staff, id);
        var reopened = await Chats.OpenAsync(staff, id);
        Assert.Equal(ChatState.AwaitingClient, reopened.State);
        Assert.True(reopened.Item.RemindersEnabled);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await portal.Get<ReminderSweep>().SweepAsync());
    }

    [Fact]
    public async Task Resend_emails_the_last_message_as_written_moves_the_to_do_up_and_takes_the_waiting_burst_with_it()
    {
        var id = await StartAsync(new ReminderSettings(false, 3, 1));
        await Chats.ResendAsync(staff, id, new ReminderSettings(true, 2, 1));
        var resent = Assert.Single(await ClientMailAsync());
        Assert.Contains("Could you send March's statement?", resent.TextBody);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await portal.Get<ChatNotifier>().SweepAsync());
        Assert.Single(await ClientMailAsync());
        var thread = await Chats.OpenAsync(staff, id);
        Assert.Equal(1, thread.Item.ResendCount);
        Assert.True(thread.Item.RemindersEnabled);

        await ClientChats.ReplyAsync(client, id, "Done.");
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => Chats.ResendAsync(staff, id, ReminderSettings.Off));
        Assert.Contains("nothing to resend", refused.Message);
    }

    [Fact]
    public async Task A_burst_written_just_before_archiving_is_still_emailed_and_staff_viewing_as_the_client_cannot_reply()
    {
        var id = await StartAsync();
        await Chats.WriteAsync(staff, id, new ChatMessageInput("All done, closing this.", ReminderSettings.Off, []));
        await Chats.ArchiveAsync(staff, id);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await portal.Get<ChatNotifier>().SweepAsync());
        Assert.Contains("All done, closing this.", Assert.Single(await ClientMailAsync()).TextBody);

        await Chats.ReopenAsync(staff, id);
        var viewAs = client with { ReadOnly = true };
        Assert.Contains("read-only", (await Assert.ThrowsAsync<PortalRuleException>(() => ClientChats.ReplyAsync(viewAs, id, "Hi"))).Message);
    }

    [Fact]
    public async Task A_chat_linked_to_a_job_neither_moves_it_on_nor_is_cancelled_when_it_moves()
    {
        var admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        var pipelines = portal.Get<Features.Jobs.PipelineService>();
        var pipeline = await pipelines.CreateAsync(admin, "Onboarding");
        var first = await pipelines.AddStageAsync(admin, pipeline, "Questions");
        var next = await pipelines.AddStageAsync(admin, pipeline, "Work");
        await pipelines.ConfigureStageAsync(admin, first, automove: true, automation: null);
        var jobs = portal.Get<Features.Jobs.JobChanges>();
        var job = await jobs.CreateAsync(staff, new Features.Jobs.JobInput(account.AccountId, "Onboarding 2026", first, staff.UserId, null));
        var id = await Chats.StartAsync(staff, new ChatStartInput(account.AccountId, "Welcome", "Any questions?", job, ReminderSettings.Off, []));

        await ClientChats.ReplyAsync(client, id, "Thanks!");
        Assert.Equal("Questions", (await portal.Get<Features.Jobs.JobService>().GetAsync(staff, job)).Job.StageName);

        await Chats.WriteAsync(staff, id, new ChatMessageInput("One more thing.", ReminderSettings.Off, []));
        await jobs.MoveAsync(staff, new Features.Jobs.JobMove(job, next, Features.Jobs.WaitingItemsChoice.Cancel));
        var thread = await Chats.OpenAsync(staff, id);
        Assert.Equal(ChatState.AwaitingClient, thread.State);
        Assert.True(thread.Item.IsWaiting);
    }

    [Fact]
    public async Task Unread_counts_follow_each_reader_and_other_accounts_see_nothing()
    {
        var id = await StartAsync();
        Assert.Equal(1, await ClientChats.UnreadCountAsync(client));
        Assert.Null(await ClientChats.OpenAsync(other, id));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => ClientChats.ReplyAsync(other, id, "Hi"));
        Assert.Empty(await ClientChats.ListAsync(other));

        await ClientChats.OpenAsync(client, id);
        Assert.Equal(0, await ClientChats.UnreadCountAsync(client));
        clock.Advance(TimeSpan.FromMinutes(1));
        await ClientChats.ReplyAsync(client, id, "Here: https://bank.example/statement");
        await ClientChats.ReplyAsync(client, id, "And one more.");
        Assert.Equal(2, await Chats.UnreadCountAsync(staff));
        Assert.Equal(2, await Chats.UnreadCountAsync(staff, account.AccountId));
        Assert.Equal(2, (await Chats.ListAsync(staff, new ChatFilter(ChatState.AwaitingUs))).Items.Single().Unread);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Chats.OpenAsync(staff, id);
        Assert.Equal(0, await Chats.UnreadCountAsync(staff));
    }

    [Fact]
    public async Task Attachments_become_documents_the_client_can_open_and_limits_are_refused_with_messages()
    {
        var documents = portal.Get<Features.Documents.DocumentService>();
        var folder = await Chats.AttachmentFolderIdAsync(staff, account.AccountId);
        var staged = await documents.StageAsync(staff, new Features.Documents.UploadRequest(account.AccountId, folder, "Checklist.pdf", SampleFiles.Pdf().Length, ""),
            new MemoryStream(SampleFiles.Pdf()), null);
        var id = await Chats.StartAsync(staff, new ChatStartInput(account.AccountId, "Year end", "The checklist is attached.", null, ReminderSettings.Off, [staged.File!]));
        var attachment = (await ClientChats.OpenAsync(client, id))!.Messages.Single().Attachments.Single();
        Assert.Equal("Checklist.pdf", attachment.FileName);
        Assert.NotNull(await documents.GetFileAsync(client, attachment.DocumentId));

        var tooLong = await Assert.ThrowsAsync<PortalRuleException>(() => Chats.WriteAsync(staff, id, new ChatMessageInput(new string('x', 4001), ReminderSettings.Off, [])));
        Assert.Contains("at most 4,000 characters", tooLong.Message);
    }
}
