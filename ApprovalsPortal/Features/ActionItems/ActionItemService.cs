using System.Linq.Expressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>
/// Staff's side of the life every kind shares: sending (inside a kind's transaction), resending, reminders,
/// cancelling, and resending several waiting items in one email per contact. Kinds add their own fields and rules
/// around these; the rules themselves are on <see cref="ActionItem"/>.
/// </summary>
public sealed class ActionItemService(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemMail mail,
    ActionItemKinds kinds,
    PortalEvents events,
    OutboxSignal outboxSignal,
    IItemJobs jobs,
    TimeProvider clock,
    ILogger<ActionItemService> logger)
{
    public static readonly Expression<Func<ActionItem, ActionItemSummary>> ToSummary = i => new ActionItemSummary(
        i.Id, i.Kind, i.Status, i.Title, i.Message, i.RemindersEnabled, i.ReminderIntervalDays, i.ReminderCount, i.RemindersSent,
        i.NextReminderAt, i.RemindersPaused, i.JobArchived, i.RequestedByName, i.RequestedAt, i.LastSentAt, i.ResendCount, i.CompletedAt);

    /// <summary>Who gets an account's emails: its contacts with Notify on and portal access.</summary>
    public async Task<IReadOnlyList<ActionItemRecipient>> ListRecipientsAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ActionItemMail.RecipientsAsync(db, accountId, ct)).OrderBy(r => r.Name).ToList();
    }

    /// <summary>The notified contacts of each of these accounts, for dialogs that send to several accounts at once.</summary>
    public async Task<ILookup<int, ActionItemRecipient>> ListRecipientsAsync(PortalUser actor, IReadOnlyCollection<int> accountIds, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ActionItemMail.RecipientsAsync(db, accountIds, ct);
    }

    /// <summary>
    /// Adds a new item to the kind's DbContext with its request emails, so it commits with the kind's own rows (a
    /// kind whose links need the item's id saves it first, in its transaction). The caller publishes
    /// <see cref="Published"/> after its commit.
    /// </summary>
    public async Task SendAsync(AppDbContext db, ActionItem item, CancellationToken ct)
    {
        if (db.Entry(item).State == EntityState.Detached) db.ActionItems.Add(item);
        await HoldIfArchivedAsync(db, item.ClientAccountId, [item], ct);
        await mail.QueueAsync(db, item, ActionItemEmailKind.Request, Now, ct);
    }

    /// <summary>
    /// Several new items of one account in one go (say, every file of an upload): one email per notified contact
    /// lists them all, or the usual request email when there is only one.
    /// </summary>
    public async Task SendManyAsync(AppDbContext db, int accountId, IReadOnlyList<ActionItem> items, string message, string staffName, CancellationToken ct)
    {
        db.ActionItems.AddRange(items);
        await HoldIfArchivedAsync(db, accountId, items, ct);
        if (items.Count == 1) await mail.QueueAsync(db, items[0], ActionItemEmailKind.Request, Now, ct);
        else await mail.QueueListAsync(db, accountId, items, ActionItemEmailKind.Request, message, staffName, ct);
    }

    /// <summary>An item sent to an archived account waits with its reminders held, like the account's other items.</summary>
    public async Task HoldIfArchivedAsync(AppDbContext db, int accountId, IEnumerable<ActionItem> items, CancellationToken ct)
    {
        if (!await db.ClientAccounts.AnyAsync(a => a.Id == accountId && a.ArchivedAt != null, ct)) return;
        foreach (var item in items) item.PauseReminders(ReminderSweep.System, Now, "the account is archived.");
    }

    /// <summary>After a kind's commit: wakes the outbox and tells open screens.</summary>
    public void Published(IEnumerable<ActionItem> items, PortalEventKind kind)
    {
        outboxSignal.Notify();
        foreach (var item in items) events.Publish(EventFor(item, kind));
    }

    /// <summary>
    /// After a kind's commit of a client's answer: wakes the outbox, tells open screens, and lets the item's job move
    /// on when the item is done. The answer is saved whatever the job does: a failure here is logged, and the jobs'
    /// own sweep moves the job a minute later.
    /// </summary>
    public async Task AnsweredAsync(ActionItem item, CancellationToken ct)
    {
        Published([item], PortalEventKind.ItemCompleted);
        if (item.Status != ActionItemStatus.Done || item.JobId is null) return;
        try
        {
            await jobs.ItemCompletedAsync(item.Id, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Job {JobId} not checked for automove after item {ItemId} was completed", item.JobId, item.Id);
        }
    }

    /// <summary>The account's active jobs, which a new item may be linked to.</summary>
    public async Task<IReadOnlyList<JobOption>> ListJobsAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        return await jobs.ListActiveAsync(accountId, ct);
    }

    /// <summary>The names of the jobs items are linked to.</summary>
    public Task<IReadOnlyDictionary<int, string>> JobNamesAsync(IReadOnlyCollection<int> jobIds, CancellationToken ct = default) => jobs.NamesAsync(jobIds, ct);

    /// <summary>Links new items to a job inside the kind's transaction; see <see cref="IItemJobs.LinkingAsync"/>.</summary>
    public Task<string> LinkingJobAsync(AppDbContext db, int accountId, int jobId, IReadOnlyList<string> titles, PortalUser actor, CancellationToken ct) =>
        jobs.LinkingAsync(db, accountId, jobId, titles, actor, Now, ct);

    public static PortalEvent EventFor(ActionItem item, PortalEventKind kind) =>
        new(kind, item.ClientAccountId, item.DocumentId ?? 0, ActionItemId: item.Id, JobId: item.JobId ?? 0);

    /// <summary>Asks again: one more email, the to-do back to the top, a fresh reminder schedule, an audit entry.</summary>
    public async Task ResendAsync(PortalUser actor, int itemId, ResendInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await LoadWaitingAsync(db, itemId, "resent", ct);
        item.Resend(actor, input.Message, input.Reminders, Now, DescribeSending(input.Message, input.Reminders));
        await mail.QueueAsync(db, item, ActionItemEmailKind.Resend, Now, ct);
        await TouchDocumentsAsync(db, [item], ct);
        await SaveRacingAsync(db, item, "resent", ct);

        logger.LogInformation("Action item {ItemId} resent by {UserId}", item.Id, actor.UserId);
        Published([item], PortalEventKind.ItemResent);
    }

    /// <summary>Changes or switches off the reminders; nothing is emailed now (a reminder due already goes at the next sweep).</summary>
    public async Task ChangeRemindersAsync(PortalUser actor, int itemId, ReminderSettings reminders, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await LoadWaitingAsync(db, itemId, "changed", ct);
        item.ChangeReminders(actor, reminders, Now);
        await SaveRacingAsync(db, item, "changed", ct);
        events.Publish(EventFor(item, PortalEventKind.ItemChanged));
    }

    /// <summary>Withdraws the item: the client's to-do goes and no reminder follows. The item stays in the history.</summary>
    public async Task CancelAsync(PortalUser actor, int itemId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await LoadWaitingAsync(db, itemId, "cancelled", ct);
        item.Cancel(actor, Now);
        await TouchDocumentsAsync(db, [item], ct);
        await SaveRacingAsync(db, item, "cancelled", ct);

        logger.LogInformation("Action item {ItemId} cancelled by {UserId}", item.Id, actor.UserId);
        events.Publish(EventFor(item, PortalEventKind.ItemCancelled));
    }

    /// <summary>
    /// Sends waiting items again, grouped by account: each notified contact gets one email listing their account's
    /// items; each item counts as resent (to-do to the top, fresh reminder schedule). <paramref name="jobByAccount"/>
    /// links an account's items to one of its jobs on the way. Returns how many items.
    /// </summary>
    public async Task<int> ResendAllAsync(PortalUser actor, IReadOnlyCollection<int> itemIds, string message,
        IReadOnlyDictionary<int, int>? jobByAccount = null, CancellationToken ct = default)
    {
        actor.RequireStaff();
        message = (message ?? "").Trim();
        ActionItem.ThrowIfInvalid(message, ReminderSettings.Off);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.ActionItems
            .Where(i => itemIds.Contains(i.Id) && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress))
            .OrderBy(i => i.ClientAccountId).ThenBy(i => i.Title).ToListAsync(ct);
        if (items.Count == 0) throw new PortalRuleException("Nothing is waiting for the client any more: the requests were answered or cancelled meanwhile.");

        var now = Now;
        foreach (var (accountId, jobId) in jobByAccount ?? new Dictionary<int, int>())
        {
            var linking = items.Where(i => i.ClientAccountId == accountId && i.JobId != jobId).ToList();
            if (linking.Count == 0) continue;
            var jobName = await jobs.LinkingAsync(db, accountId, jobId, linking.Select(i => i.Title).ToList(), actor, now, ct);
            foreach (var item in linking) item.LinkJob(actor, jobId, jobName, now);
        }
        foreach (var account in items.GroupBy(i => i.ClientAccountId))
        {
            var others = account.Count() - 1;
            var how = others == 0 ? "Resent in a list email" : $"Resent in one email with {others} other waiting {(others == 1 ? "request" : "requests")}";
            foreach (var item in account)
                item.Resend(actor, item.Message, item.Reminders, now, how + (message.Length == 0 ? "" : $"; message: \"{message}\""));
        }
        await TouchDocumentsAsync(db, items, ct);
        foreach (var account in items.GroupBy(i => i.ClientAccountId))
        {
            foreach (var sameKind in account.Where(i => !i.ExternalAudience).GroupBy(i => i.Kind))
                await mail.QueueListAsync(db, account.Key, sameKind.ToList(), ActionItemEmailKind.Resend, message, actor.Name, ct);
            // People outside the portal have a link per item: an email each.
            foreach (var item in account.Where(i => i.ExternalAudience)) await mail.QueueAsync(db, item, ActionItemEmailKind.Resend, now, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("A client answered one of these requests, or their job changed, at the same moment. Look at the list again and retry.");
        }

        logger.LogInformation("{Count} waiting items resent by {UserId}", items.Count, actor.UserId);
        Published(items, PortalEventKind.ItemResent);
        return items.Count;
    }

    /// <summary>"Message: "…"; 1 reminder, every 3 days" — what a request or resend said, for the audit trail.</summary>
    public static string DescribeSending(string message, ReminderSettings reminders) =>
        (string.IsNullOrWhiteSpace(message) ? "No message" : $"Message: \"{message.Trim()}\"") + "; " + reminders.Describe();

    /// <summary>Refuses, in the kind's words, to act on an item that no longer waits for the client.</summary>
    public void EnsureWaiting(string kind, ActionItemStatus status, string attempted)
    {
        if (status.IsWaiting()) return;
        throw new PortalRuleException(Refusal(kind, status, attempted));
    }

    private string Refusal(string kind, ActionItemStatus status, string attempted) => status == ActionItemStatus.Cancelled
        ? $"This request was cancelled by the firm, so it cannot be {attempted}."
        : $"This request was already {kinds[kind].StatusText(status).ToLowerInvariant()}, so it cannot be {attempted}.";

    /// <summary>Saves, turning a lost race (the client acted, or someone cancelled, a moment earlier) into a clear refusal.</summary>
    public async Task SaveRacingAsync(AppDbContext db, ActionItem item, string attempted, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var status = await db.ActionItems.AsNoTracking().Where(i => i.Id == item.Id).Select(i => i.Status).SingleAsync(ct);
            EnsureWaiting(item.Kind, status, attempted);
            throw new PortalRuleException("Someone changed this request at the same moment. Look at it again and retry.");
        }
    }

    private async Task<ActionItem> LoadWaitingAsync(AppDbContext db, int itemId, string attempted, CancellationToken ct)
    {
        var item = await db.ActionItems.SingleOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new NotFoundOrForbiddenException("The request");
        EnsureWaiting(item.Kind, item.Status, attempted);
        return item;
    }

    /// <summary>Sending, resending or cancelling an item is activity on its document: "recent" lists sort by it.</summary>
    public async Task TouchDocumentsAsync(AppDbContext db, IReadOnlyCollection<ActionItem> changed, CancellationToken ct)
    {
        var ids = changed.Where(i => i.DocumentId != null).Select(i => i.DocumentId!.Value).Distinct().ToList();
        if (ids.Count == 0) return;
        var now = Now;
        foreach (var document in await db.Documents.Where(d => ids.Contains(d.Id)).ToListAsync(ct)) document.LastActivityAt = now;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
