using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Chats;

/// <summary>
/// Staff's side of chats: starting a conversation, writing (the client's turn again, reminders from this message),
/// archiving and reopening, lists with unread counts, and a thread read. Resends and reminder changes are the core's.
/// Emails for staff messages go out in bursts through <see cref="ChatNotifier"/>, never at once.
/// </summary>
public sealed class ChatService(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemService items,
    ActionItemMail mail,
    PortalEvents events,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<ChatService> logger)
{
    private ChatDefaults Defaults => options.Value.Chats;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private TimeSpan Burst => TimeSpan.FromMinutes(Defaults.BurstMinutes);

    public ReminderSettings DefaultReminders => new(Defaults.RemindersOn, Defaults.ReminderIntervalDays, Defaults.ReminderCount);

    public async Task<ChatStartContext> GetStartContextAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.ClientAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Name).SingleOrDefaultAsync(ct)
                   ?? throw new NotFoundOrForbiddenException("The client account");
        return new ChatStartContext(accountId, name, await items.ListJobsAsync(actor, accountId, ct), await ActionItemMail.RecipientsAsync(db, accountId, ct),
            await db.Contacts.CountAsync(c => c.ClientAccountId == accountId && c.PortalAccess, ct));
    }

    /// <summary>Where attachments go: a folder the client can see ("Shared with client" when it is there).</summary>
    public async Task<int> AttachmentFolderIdAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await AttachmentFolderAsync(db, accountId, ct) is { } folder ? folder.Id
            : throw new PortalRuleException("This account has no folder the client can see, so files cannot be attached. Add one on the Documents tab.");
    }

    private static Task<Folder?> AttachmentFolderAsync(AppDbContext db, int accountId, CancellationToken ct) =>
        db.Folders.Where(f => f.ClientAccountId == accountId && f.Access == FolderAccess.ClientCanView)
            .OrderByDescending(f => f.Name == Folder.DefaultSharedName).ThenBy(f => f.Id).FirstOrDefaultAsync(ct);

    public async Task<int> StartAsync(PortalUser actor, ChatStartInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        if (ChatRules.CheckSubject(input.Subject) is { } subjectProblem) throw new PortalRuleException(subjectProblem);
        ActionItem.ThrowIfInvalid("", input.Reminders);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Contacts.AnyAsync(c => c.ClientAccountId == input.AccountId && c.PortalAccess, ct))
            throw new PortalRuleException("No contact of this account has portal access, so nobody could read the conversation. Give one access on the Contacts tab first.");
        var now = Now;
        var message = ChatMessage.By(actor, input.Text, now);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var attached = await AttachAsync(db, actor, input.AccountId, message, input.Files, now, ct);
        var jobName = input.JobId is { } jobId ? await items.LinkingJobAsync(db, input.AccountId, jobId, [input.Subject.Trim()], actor, ct) : null;
        var thread = ChatThread.Start(input.AccountId, input.Subject, message, input.Reminders, actor, now, Burst, input.JobId, jobName);
        db.ChatThreads.Add(thread);
        await items.HoldIfArchivedAsync(db, input.AccountId, [thread.Item], ct);
        await db.SaveChangesAsync(ct);
        await ChatQueries.MarkReadAsync(db, thread.Id, actor.UserId, now, ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Chat {ThreadId} started with account {AccountId} by {UserId}", thread.Id, input.AccountId, actor.UserId);
        items.Published([thread.Item], PortalEventKind.ItemRequested);
        PublishDocuments(attached);
        return thread.Id;
    }

    /// <summary>A staff message: the client's turn again; the to-do goes to the top and reminders start from it.</summary>
    public async Task WriteAsync(PortalUser actor, int threadId, ChatMessageInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        ActionItem.ThrowIfInvalid("", input.Reminders);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = await LoadAsync(db, threadId, ct);
        var now = Now;
        var message = ChatMessage.By(actor, input.Text, now);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var attached = await AttachAsync(db, actor, thread.Item.ClientAccountId, message, input.Files, now, ct);
        thread.Write(message, input.Reminders, actor, now, Burst);
        await items.HoldIfArchivedAsync(db, thread.Item.ClientAccountId, [thread.Item], ct);
        await SaveAsync(db, ct);
        await ChatQueries.MarkReadAsync(db, thread.Id, actor.UserId, now, ct);
        await transaction.CommitAsync(ct);
        items.Published([thread.Item], PortalEventKind.ItemRequested);
        PublishDocuments(attached);
    }

    public async Task ArchiveAsync(PortalUser actor, int threadId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = await LoadAsync(db, threadId, ct);
        thread.Archive(actor, Now);
        await SaveAsync(db, ct);
        events.Publish(ActionItemService.EventFor(thread.Item, PortalEventKind.ItemCancelled));
    }

    /// <summary>Back from the archive; when the firm wrote last, the client is asked again with reminders on.</summary>
    public async Task ReopenAsync(PortalUser actor, int threadId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = await LoadAsync(db, threadId, ct);
        // The reminders it had, or the firm's rhythm if it had none; Reopen switches them on either way.
        var reminders = thread.Item.RemindersEnabled ? thread.Item.Reminders : DefaultReminders;
        thread.Reopen(actor, reminders, Now);
        await SaveAsync(db, ct);
        items.Published([thread.Item], PortalEventKind.ItemChanged);
    }

    /// <summary>The last message by email again, as it stands in the thread, with the reminders chosen; the to-do goes to the top.</summary>
    public async Task ResendAsync(PortalUser actor, int threadId, ReminderSettings reminders, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = await LoadAsync(db, threadId, ct);
        var now = Now;
        thread.Resend(actor, reminders, now);
        await mail.QueueAsync(db, thread.Item, ActionItemEmailKind.Resend, now, ct);
        await SaveAsync(db, ct);
        items.Published([thread.Item], PortalEventKind.ItemResent);
    }

    public async Task ChangeRemindersAsync(PortalUser actor, int threadId, ReminderSettings reminders, CancellationToken ct = default)
    {
        await EnsureAsync(actor, threadId, ct);
        await items.ChangeRemindersAsync(actor, threadId, reminders, ct);
    }

    /// <summary>A thread whole, marked read for the reader.</summary>
    public async Task<ChatThreadView> OpenAsync(PortalUser actor, int threadId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = await ChatQueries.ThreadAsync(db, actor, threadId, JobNameAsync, ct) ?? throw new NotFoundOrForbiddenException("The conversation");
        // Read up to what was shown: a message arriving meanwhile stays unread.
        await ChatQueries.MarkReadAsync(db, threadId, actor.UserId, view.Messages.Count > 0 ? view.Messages[^1].SentAt : Now, ct);
        events.Publish(new PortalEvent(PortalEventKind.InboxChanged, view.AccountId, 0, UserId: actor.UserId));
        return view;
    }

    public async Task<PagedResult<ChatListRow>> ListAsync(PortalUser actor, ChatFilter filter, int take = 50, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.ChatThreads.AsNoTracking().AsQueryable();
        if (filter.AccountId is { } accountId) query = query.Where(t => t.Item.ClientAccountId == accountId);
        query = filter.State switch
        {
            ChatState.AwaitingClient => query.Where(t => t.ArchivedAt == null && t.LastFromStaff),
            ChatState.AwaitingUs => query.Where(t => t.ArchivedAt == null && !t.LastFromStaff),
            ChatState.Archived => query.Where(t => t.ArchivedAt != null),
            _ => query.Where(t => t.ArchivedAt == null),
        };
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + AccountService.EscapeLike(filter.Search.Trim()) + "%";
            query = query.Where(t => EF.Functions.Like(t.Item.Title, pattern, "\\") || EF.Functions.Like(t.Item.ClientAccount!.Name, pattern, "\\"));
        }
        var total = await query.CountAsync(ct);
        var page = query.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id).Take(take);
        var rows = await page.Select(t => new
            {
                t.Id, t.Item.Title, t.Item.ClientAccountId, AccountName = t.Item.ClientAccount!.Name, t.ArchivedAt, t.LastFromStaff, t.LastMessageAt, t.Item.JobId,
                t.Item.RemindersEnabled, t.Item.RemindersSent, t.Item.ReminderCount, t.Item.NextReminderAt, t.LastAuthorName, t.LastExcerpt,
            })
            .ToListAsync(ct);
        var unread = await ChatQueries.UnreadAsync(db, page, actor.UserId, readerIsStaff: true, ct);
        var jobs = await items.JobNamesAsync(rows.Where(r => r.JobId != null).Select(r => r.JobId!.Value).Distinct().ToList(), ct);
        return new PagedResult<ChatListRow>(rows.Select(r => new ChatListRow(r.Id, r.Title, r.ClientAccountId, r.AccountName,
            r.ArchivedAt != null ? ChatState.Archived : r.LastFromStaff ? ChatState.AwaitingClient : ChatState.AwaitingUs, r.LastMessageAt, r.LastAuthorName,
            r.LastExcerpt, unread.GetValueOrDefault(r.Id), r.JobId is { } j ? jobs.GetValueOrDefault(j) : null,
            r.RemindersEnabled, r.RemindersSent, r.ReminderCount, r.NextReminderAt)).ToList(), total);
    }

    /// <summary>Client messages this staff member has not read, in open threads (of one account, or all).</summary>
    public async Task<int> UnreadCountAsync(PortalUser actor, int? accountId = null, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var threads = db.ChatThreads.Where(t => t.ArchivedAt == null);
        if (accountId is { } id) threads = threads.Where(t => t.Item.ClientAccountId == id);
        return (await ChatQueries.UnreadAsync(db, threads, actor.UserId, readerIsStaff: true, ct)).Values.Sum();
    }

    /// <summary>Attachments become documents of the account in a folder the client can see, in the message's transaction.</summary>
    private static async Task<IReadOnlyList<Document>> AttachAsync(AppDbContext db, PortalUser actor, int accountId, ChatMessage message, IReadOnlyList<StagedUpload> files, DateTime now, CancellationToken ct)
    {
        if (files.Count == 0) return [];
        if (files.Count > ChatRules.MaxAttachments) throw new PortalRuleException($"A message can carry at most {ChatRules.MaxAttachments} files.");
        var folder = await AttachmentFolderAsync(db, accountId, ct)
                     ?? throw new PortalRuleException("This account has no folder the client can see, so files cannot be attached. Add one on the Documents tab.");
        var documents = files.Select(f => DocumentService.NewDocument(accountId, folder.Id, folder.Name, f, "", actor, now, "; attached to a chat message")).ToList();
        db.Documents.AddRange(documents);
        await db.SaveChangesAsync(ct);
        foreach (var document in documents) message.Attachments.Add(ChatAttachment.For(document.Id, document.Name));
        return documents;
    }

    /// <summary>New documents from attachments show in every open list of the account.</summary>
    private void PublishDocuments(IReadOnlyList<Document> documents)
    {
        foreach (var document in documents) events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, document.ClientAccountId, document.Id));
    }

    private async Task<string?> JobNameAsync(int jobId) => (await items.JobNamesAsync([jobId])).GetValueOrDefault(jobId);

    private static async Task<ChatThread> LoadAsync(AppDbContext db, int threadId, CancellationToken ct) =>
        await db.ChatThreads.Include(t => t.Item).SingleOrDefaultAsync(t => t.Id == threadId, ct)
        ?? throw new NotFoundOrForbiddenException("The conversation");

    private async Task EnsureAsync(PortalUser actor, int threadId, CancellationToken ct)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.ChatThreads.AnyAsync(t => t.Id == threadId, ct)) throw new NotFoundOrForbiddenException("The conversation");
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("Someone wrote in this conversation or changed it at the same moment. Look at it again; nothing you typed is lost.");
        }
    }
}
