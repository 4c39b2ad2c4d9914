using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace ApprovalsPortal.Features.Chats;

/// <summary>
/// Emails the firm's messages in bursts: once no message has followed for the burst's minutes, each contact with
/// Notify on gets one email with every message of the burst. Each email has a key (thread, burst, contact), so a
/// crash between writing and marking never sends one twice.
/// </summary>
public sealed class ChatNotifier(
    IDbContextFactory<AppDbContext> dbFactory,
    EmailComposer composer,
    Outbox outbox,
    OutboxSignal outboxSignal,
    ActionItemMail mail,
    ActionItemKinds kinds,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<ChatNotifier> logger)
{
    /// <summary>Returns how many threads had a burst emailed.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.ChatThreads.Where(t => t.NotifyAt != null && t.NotifyAt <= now).OrderBy(t => t.NotifyAt).Select(t => t.Id).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            try
            {
                if (await NotifyAsync(id, ct)) sent++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A message came in the same moment and moved the burst on: the next sweep sends it whole.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One thread's trouble must not hold up the others' emails; the next sweep tries it again.
                logger.LogError(ex, "Emailing the messages of chat {ThreadId} failed", id);
            }
        }
        if (sent > 0) outboxSignal.Notify();
        return sent;
    }

    private async Task<bool> NotifyAsync(int threadId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = await db.ChatThreads.Include(t => t.Item).SingleAsync(t => t.Id == threadId, ct);
        if (thread.NotifyFrom is not { } from) return false;
        var messages = await db.ChatMessages.AsNoTracking().Where(m => m.ChatThreadId == threadId && m.FromStaff && m.SentAt >= from)
            .OrderBy(m => m.SentAt).ThenBy(m => m.Id).ToListAsync(ct);
        // Written before an archive ("All done, closing this"), a burst still goes.
        var recipients = await ActionItemMail.RecipientsAsync(db, thread.Item.ClientAccountId, ct);
        if (messages.Count > 0 && recipients.Count > 0)
        {
            var portal = options.Value;
            var text = kinds[ChatThread.Kind].EmailText(ActionItemEmailKind.Request, portal.FirmName, thread.Item.Title);
            var body = string.Join("\n\n", messages.Select(m => $"{m.AuthorName}: {m.Text}"));
            var url = mail.PortalUrl(thread.Item);
            var contents = await composer.ComposeManyAsync<ActionItemEmail, ActionItemEmailModel>(recipients
                .Select(r => new ActionItemEmailModel(portal.FirmName, r.Name, text.Subject, text.Lead, thread.Item.Title, body, messages[^1].AuthorName, text.ButtonText, url))
                .ToList());
            var keys = recipients.Select(r => $"chat:{threadId}:{from.Ticks}:{r.Key}").ToList();
            var written = (await db.OutboxMessages.Where(m => m.DeduplicationKey != null && keys.Contains(m.DeduplicationKey)).Select(m => m.DeduplicationKey!).ToListAsync(ct)).ToHashSet();
            for (var i = 0; i < recipients.Count; i++)
            {
                if (!written.Contains(keys[i])) outbox.Add(db, new EmailRecipient(recipients[i].Name, recipients[i].Email), contents[i], keys[i]);
            }
        }
        thread.Notified();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Chat {ThreadId}: {Count} messages emailed to {Recipients} contacts", threadId, messages.Count, recipients.Count);
        return messages.Count > 0 && recipients.Count > 0;
    }
}

/// <summary>Quartz wakes the burst sweep every 30 seconds; what is due is decided by the data.</summary>
[DisallowConcurrentExecution]
public sealed class ChatNotifyJob(ChatNotifier notifier) : IJob
{
    public static readonly JobKey Key = new("chat-notify");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await notifier.SweepAsync(cancellationToken);
}
