using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Chats;

/// <summary>Reads shared by staff's and the client's screens: a thread whole, and unread counts per reader.</summary>
internal static class ChatQueries
{
    /// <summary>A thread whole; attachments whose document the reader can no longer see (deleted, hidden) keep their name but lose their link.</summary>
    public static async Task<ChatThreadView?> ThreadAsync(AppDbContext db, PortalUser reader, int threadId, Func<int, Task<string?>> jobName, CancellationToken ct)
    {
        var thread = await db.ChatThreads.AsNoTracking().Include(t => t.Item).ThenInclude(i => i.ClientAccount)
            .Include(t => t.Messages).ThenInclude(m => m.Attachments).AsSplitQuery().SingleOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null) return null;
        var item = await db.ActionItems.AsNoTracking().Where(i => i.Id == threadId).Select(ActionItemService.ToSummary).SingleAsync(ct);
        var attachmentIds = thread.Messages.SelectMany(m => m.Attachments).Select(a => a.DocumentId).ToList();
        var visible = attachmentIds.Count == 0 ? [] : (await db.Documents.AsNoTracking().VisibleTo(db, reader).Where(d => attachmentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        var messages = thread.Messages.OrderBy(m => m.SentAt).ThenBy(m => m.Id)
            .Select(m => new ChatMessageRow(m.Id, m.AuthorName, m.FromStaff, m.Text, m.SentAt,
                m.Attachments.Select(a => new ChatAttachmentRow(a.DocumentId, a.FileName, visible.Contains(a.DocumentId))).ToList()))
            .ToList();
        return new ChatThreadView(thread.Id, thread.Item.Title, thread.Item.ClientAccountId, thread.Item.ClientAccount!.Name, thread.State, item, messages,
            thread.Item.JobId, thread.Item.JobId is { } jobId ? await jobName(jobId) : null, thread.ArchivedAt, thread.ArchivedByName);
    }

    /// <summary>
    /// Unread messages per thread for one reader: the other side's messages after what they last read (all of
    /// them when they never opened the thread).
    /// </summary>
    public static async Task<Dictionary<int, int>> UnreadAsync(AppDbContext db, IQueryable<ChatThread> threads, string userId, bool readerIsStaff, CancellationToken ct) =>
        await (from m in db.ChatMessages
               join t in threads on m.ChatThreadId equals t.Id
               where m.FromStaff != readerIsStaff
                     && !db.ChatReads.Any(r => r.ChatThreadId == t.Id && r.UserId == userId && r.ReadUpTo >= m.SentAt)
               group m by m.ChatThreadId into g
               select new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    /// <summary>Marks a thread read up to now for one reader.</summary>
    public static async Task MarkReadAsync(AppDbContext db, int threadId, string userId, DateTime now, CancellationToken ct)
    {
        var read = await db.ChatReads.SingleOrDefaultAsync(r => r.ChatThreadId == threadId && r.UserId == userId, ct);
        if (read is null) db.ChatReads.Add(ChatRead.For(threadId, userId, now));
        else if (read.ReadUpTo < now) read.ReadUpTo = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same reader marked it read in another tab at the same moment: read either way.
            db.ChangeTracker.Clear();
        }
    }
}
