using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Chats;

/// <summary>One of the client's conversations in their list.</summary>
public sealed record PortalChatRow(int Id, string Subject, string AccountName, ChatState State, DateTime LastMessageAt, string LastAuthorName, string LastExcerpt, int Unread);

/// <summary>
/// The client's side of chats: every conversation of the accounts where they are a contact with portal access, and
/// replying. A reply completes the thread's item (its reminders stop) and tells staff (inbox, and email per their
/// preferences). Anything else is "not found", whoever asks.
/// </summary>
public sealed class ClientChatService(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemService items,
    ActionItemInbox inbox,
    ActionItemKinds kinds,
    EmailComposer composer,
    Outbox outbox,
    OutboxSignal outboxSignal,
    PortalEvents events,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<ClientChatService> logger)
{
    public async Task<IReadOnlyList<PortalChatRow>> ListAsync(PortalUser viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var threads = Visible(db, viewer);
        var rows = await threads.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id)
            .Select(t => new { t.Id, t.Item.Title, AccountName = t.Item.ClientAccount!.Name, t.ArchivedAt, t.LastFromStaff, t.LastMessageAt, t.LastAuthorName, t.LastExcerpt })
            .ToListAsync(ct);
        var unread = await ChatQueries.UnreadAsync(db, threads, viewer.UserId, readerIsStaff: false, ct);
        return rows.Select(r => new PortalChatRow(r.Id, r.Title, r.AccountName,
            r.ArchivedAt != null ? ChatState.Archived : r.LastFromStaff ? ChatState.AwaitingClient : ChatState.AwaitingUs, r.LastMessageAt, r.LastAuthorName,
            r.LastExcerpt, unread.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<int> CountAsync(PortalUser viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, viewer).CountAsync(ct);
    }

    /// <summary>Messages from the firm the client has not read, in conversations still open.</summary>
    public async Task<int> UnreadCountAsync(PortalUser viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ChatQueries.UnreadAsync(db, Visible(db, viewer).Where(t => t.ArchivedAt == null), viewer.UserId, readerIsStaff: false, ct)).Values.Sum();
    }

    /// <summary>A thread whole, marked read (unless staff are only viewing as the client).</summary>
    public async Task<ChatThreadView?> OpenAsync(PortalUser viewer, int threadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Visible(db, viewer).AnyAsync(t => t.Id == threadId, ct)) return null;
        var view = await ChatQueries.ThreadAsync(db, viewer, threadId, _ => Task.FromResult<string?>(null), ct);
        if (view is not null && !viewer.ReadOnly)
            await ChatQueries.MarkReadAsync(db, threadId, viewer.UserId, view.Messages.Count > 0 ? view.Messages[^1].SentAt : clock.GetUtcNow().UtcDateTime, ct);
        return view;
    }

    public async Task ReplyAsync(PortalUser viewer, int threadId, string text, CancellationToken ct = default)
    {
        if (viewer.ReadOnly) throw new PortalRuleException("This is a read-only view of the client's portal: nothing can be sent here.");
        if (!viewer.IsClient) throw new PortalRuleException("Only the client can reply here.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Visible(db, viewer).AnyAsync(t => t.Id == threadId, ct)) throw new NotFoundOrForbiddenException("The conversation");
        var thread = await db.ChatThreads.Include(t => t.Item).SingleAsync(t => t.Id == threadId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var message = ChatMessage.By(viewer, text, now);
        thread.Reply(message, viewer, now);
        await TellStaffAsync(db, thread, viewer.Name, message.Text, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("The firm wrote or changed this conversation at the same moment. Your text is kept: send it again.");
        }
        await ChatQueries.MarkReadAsync(db, threadId, viewer.UserId, now, ct);

        logger.LogInformation("Chat {ThreadId} answered by {UserId}", threadId, viewer.UserId);
        outboxSignal.Notify();
        await items.AnsweredAsync(thread.Item, ct);
        events.Publish(new PortalEvent(PortalEventKind.InboxChanged, thread.Item.ClientAccountId, 0, ActionItemId: thread.Id));
    }

    /// <summary>An inbox item and, per their preferences, an email for the staff member who started it (and admins who hear of all).</summary>
    private async Task TellStaffAsync(AppDbContext db, ChatThread thread, string clientName, string text, CancellationToken ct)
    {
        var accountName = await db.ClientAccounts.Where(a => a.Id == thread.Item.ClientAccountId).Select(a => a.Name).SingleAsync(ct);
        var excerpt = ChatThread.Excerpt(text);
        var people = await inbox.TellAsync(db, thread.Item, $"{clientName} replied: {thread.Item.Title}", $"{accountName}: {excerpt}", ct);
        var portal = options.Value;
        var url = portal.PublicUri(kinds[ChatThread.Kind].StaffHref(ActionItemMail.LinkOf(thread.Item))).ToString();
        foreach (var person in people)
        {
            var model = new ChatReplyEmailModel(portal.FirmName, person.Name, clientName, accountName, thread.Item.Title, excerpt, url);
            outbox.Add(db, new EmailRecipient(person.Name, person.Email), await composer.ComposeAsync<ChatReplyEmail, ChatReplyEmailModel>(model));
        }
    }

    private static IQueryable<ChatThread> Visible(AppDbContext db, PortalUser viewer)
    {
        if (!viewer.IsClient) return db.ChatThreads.Where(_ => false);
        var userId = viewer.UserId;
        return db.ChatThreads.AsNoTracking().Where(t => db.Contacts.Any(c => c.ClientAccountId == t.Item.ClientAccountId && c.UserId == userId && c.PortalAccess));
    }
}

public sealed record ChatReplyEmailModel(string FirmName, string StaffName, string ClientName, string AccountName, string Topic, string Text, string Url) : IEmailModel
{
    public string Subject => $"{ClientName} replied: {Topic}";

    public string ToText() => $"Hello {StaffName},\n\n{ClientName} ({AccountName}) replied in \"{Topic}\":\n\n{Text}\n\nOpen the conversation: {Url}\n";
}
