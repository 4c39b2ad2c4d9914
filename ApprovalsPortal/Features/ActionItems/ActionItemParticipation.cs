using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>
/// What account and document changes mean for waiting items of every kind: an archived account holds their
/// reminders (a restore resumes them a full interval later, never in a burst); a document that leaves the client's
/// sight cancels the items about it, since the client can no longer see or answer them; a rename renames them.
/// </summary>
public sealed class ActionItemParticipation : IAccountChangeParticipant, IDocumentChangeParticipant
{
    public async Task<IReadOnlyList<string>> DescribeArchiveAsync(AppDbContext db, int accountId, CancellationToken ct)
    {
        var waiting = await Waiting(db).Where(i => i.ClientAccountId == accountId)
            .Select(i => new { Reminding = i.RemindersEnabled && i.RemindersSent < i.ReminderCount && !i.RemindersPaused && !i.JobArchived })
            .ToListAsync(ct);
        if (waiting.Count == 0) return [];
        var reminding = waiting.Count(w => w.Reminding);
        var count = waiting.Count == 1 ? "1 request waits" : $"{waiting.Count} requests wait";
        return [reminding == 0
            ? $"{count} for the client; none of them will send more reminders."
            : $"{count} for the client: their automatic reminders stop while the account is archived ({reminding} with reminders left). Restoring it starts them again, the next one a full interval later."];
    }

    public async Task<IReadOnlyList<PortalEvent>> ArchivingAsync(AccountChange change, CancellationToken ct)
    {
        var items = await Waiting(change.Db).Where(i => i.ClientAccountId == change.AccountId && !i.RemindersPaused).ToListAsync(ct);
        foreach (var item in items) item.PauseReminders(change.Actor, change.Now, "the account was archived.");
        return items.Select(i => ActionItemService.EventFor(i, PortalEventKind.ItemChanged)).ToList();
    }

    public async Task<IReadOnlyList<PortalEvent>> RestoringAsync(AccountChange change, CancellationToken ct)
    {
        var items = await Waiting(change.Db).Where(i => i.ClientAccountId == change.AccountId && i.RemindersPaused).ToListAsync(ct);
        foreach (var item in items) item.ResumeReminders(change.Actor, change.Now, "the account was restored.");
        return items.Select(i => ActionItemService.EventFor(i, PortalEventKind.ItemChanged)).ToList();
    }

    public async Task<IReadOnlyList<string>> DescribeStrandedAsync(AppDbContext db, int accountId, CancellationToken ct)
    {
        var titles = await Stranded(db, accountId).OrderBy(i => i.Title).Select(i => i.Title).ToListAsync(ct);
        if (titles.Count == 0) return [];
        var shown = string.Join(", ", titles.Take(5).Select(t => $"\"{t}\"")) + (titles.Count > 5 ? $" and {titles.Count - 5} more" : "");
        return [titles.Count == 1
            ? $"1 request waits for the client's contacts and nobody would be left to answer it: {shown}."
            : $"{titles.Count} requests wait for the client's contacts and nobody would be left to answer them: {shown}."];
    }

    public async Task<IReadOnlyList<PortalEvent>> CancelStrandedAsync(AccountChange change, CancellationToken ct)
    {
        var items = await Stranded(change.Db, change.AccountId).ToListAsync(ct);
        return CancelAll(items, change.Actor, "Nobody at the client can sign in to the portal any more.", change.Now);
    }

    /// <summary>Waiting for the account's contacts (not for people outside it, who answer by their own links).</summary>
    private static IQueryable<ActionItem> Stranded(AppDbContext db, int accountId) =>
        Waiting(db).Where(i => i.ClientAccountId == accountId && !i.ExternalAudience);

    public async Task<IReadOnlyList<PortalEvent>> FolderHiddenAsync(AccountChange change, int folderId, string folderName, CancellationToken ct)
    {
        var items = await Waiting(change.Db).Where(i => i.Document != null && i.Document.FolderId == folderId).ToListAsync(ct);
        return CancelAll(items, change.Actor, $"The folder \"{folderName}\" was made staff-only.", change.Now);
    }

    public async Task<IReadOnlyList<PortalEvent>> HidingAsync(AppDbContext db, Document document, PortalUser actor, string reason, DateTime now, CancellationToken ct)
    {
        var items = await Waiting(db).Where(i => i.DocumentId == document.Id).ToListAsync(ct);
        return CancelAll(items, actor, reason, now);
    }

    public async Task RenamedAsync(AppDbContext db, Document document, CancellationToken ct)
    {
        foreach (var item in await db.ActionItems.Where(i => i.DocumentId == document.Id).ToListAsync(ct))
            item.Retitle(document.Name);
    }

    private static List<PortalEvent> CancelAll(List<ActionItem> items, PortalUser actor, string reason, DateTime now)
    {
        foreach (var item in items) item.Cancel(actor, now, reason);
        return items.Select(i => ActionItemService.EventFor(i, PortalEventKind.ItemCancelled)).ToList();
    }

    private static IQueryable<ActionItem> Waiting(AppDbContext db) =>
        db.ActionItems.Where(i => i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress);
}
