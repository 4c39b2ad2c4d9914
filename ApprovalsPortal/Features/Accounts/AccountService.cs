using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Accounts;

/// <summary>Client accounts and their folders, for staff.</summary>
public sealed class AccountService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, PortalEvents events, ILogger<AccountService> logger)
{
    public async Task<PagedResult<AccountRow>> ListAsync(PortalUser actor, AccountQuery query, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = db.ClientAccounts.AsNoTracking();
        if (!query.IncludeArchived) accounts = accounts.Where(a => a.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = $"%{EscapeLike(query.Search.Trim())}%";
            accounts = accounts.Where(a => EF.Functions.Like(a.Name, term, "\\"));
        }

        if (query.Approvals is { Count: > 0 } wanted)
        {
            var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
            bool pending = wanted.Contains(AccountApprovalFilter.PendingApproval),
                approved = wanted.Contains(AccountApprovalFilter.Approved),
                disapproved = wanted.Contains(AccountApprovalFilter.Disapproved);
            accounts = accounts.Where(a =>
                (pending && db.ApprovalRequests.Any(r => r.ClientAccountId == a.Id && r.Status == ApprovalStatus.Pending))
                || (approved && db.ApprovalRequests.Any(r => r.ClientAccountId == a.Id && r.Status == ApprovalStatus.Approved && r.DecidedAt >= since
                                                             && db.Documents.Any(d => d.CurrentApprovalRequestId == r.Id)))
                || (disapproved && db.ApprovalRequests.Any(r => r.ClientAccountId == a.Id && r.Status == ApprovalStatus.Disapproved && r.DecidedAt >= since
                                                                && db.Documents.Any(d => d.CurrentApprovalRequestId == r.Id))));
        }

        var total = await accounts.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var items = await accounts
            .OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .Select(a => new AccountRow(
                a.Id, a.Name, a.Contacts.Count,
                db.Documents.Count(d => d.ClientAccountId == a.Id),
                a.CreatedAt, a.ArchivedAt != null,
                db.ApprovalRequests.Count(r => r.ClientAccountId == a.Id && r.Status == ApprovalStatus.Pending)))
            .ToListAsync(ct);
        return new PagedResult<AccountRow>(items, total);
    }

    public async Task<AccountDetails> GetAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ClientAccounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new AccountDetails(
                a.Id, a.Name, a.CreatedAt, a.ArchivedAt,
                a.Contacts.Count,
                a.Contacts.Count(c => c.PortalAccess),
                a.Contacts.Count(c => c.Notify),
                a.Folders.Count,
                db.Documents.Count(d => d.ClientAccountId == a.Id),
                db.Documents.Where(d => d.ClientAccountId == a.Id).Max(d => (DateTime?)d.UploadedAt)))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundOrForbiddenException("The client account");
    }

    /// <summary>The account's documents with the latest activity first (upload, edit, request, resend, decision).</summary>
    public async Task<IReadOnlyList<RecentActivityRow>> ListRecentActivityAsync(PortalUser actor, int accountId, int take = 8, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Documents.AsNoTracking().Where(d => d.ClientAccountId == accountId)
            .OrderByDescending(d => d.LastActivityAt).ThenByDescending(d => d.Id).Take(take)
            .Select(d => new RecentActivityRow(d.Id, d.Name, d.ContentType, d.LastActivityAt,
                d.CurrentApprovalRequestId == null ? null : d.CurrentApprovalRequest!.Status))
            .ToListAsync(ct);
    }

    /// <summary>Creates the account with its two default folders: one the client sees, one for staff only.</summary>
    public async Task<int> CreateAsync(PortalUser actor, string name, CancellationToken ct = default)
    {
        actor.RequireStaff();
        name = RequireName(name, "The client account's name", 200);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureUniqueNameAsync(db, name, null, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var account = new ClientAccount
        {
            Name = name,
            CreatedAt = now,
            Folders =
            [
                new Folder { Name = Folder.DefaultSharedName, Access = FolderAccess.ClientCanView, CreatedAt = now },
                new Folder { Name = Folder.DefaultInternalName, Access = FolderAccess.StaffOnly, CreatedAt = now },
            ],
        };
        db.ClientAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Client account {AccountId} created by {UserId}", account.Id, actor.UserId);
        return account.Id;
    }

    public async Task RenameAsync(PortalUser actor, int accountId, string name, CancellationToken ct = default)
    {
        actor.RequireStaff();
        name = RequireName(name, "The client account's name", 200);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.ClientAccounts.FindAsync([accountId], ct) ?? throw new NotFoundOrForbiddenException("The client account");
        await EnsureUniqueNameAsync(db, name, accountId, ct);
        account.Name = name;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Archived accounts leave the default list; nothing is deleted and they can be restored.</summary>
    public async Task SetArchivedAsync(PortalUser actor, int accountId, bool archived, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.ClientAccounts.FindAsync([accountId], ct) ?? throw new NotFoundOrForbiddenException("The client account");
        account.ArchivedAt = archived ? account.ArchivedAt ?? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Client account {AccountId} archived={Archived} by {UserId}", accountId, archived, actor.UserId);
    }

    public async Task<IReadOnlyList<FolderRow>> ListFoldersAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Folders.AsNoTracking().Where(f => f.ClientAccountId == accountId)
            .OrderBy(f => f.Access).ThenBy(f => f.Name)
            .Select(f => new FolderRow(f.Id, f.Name, f.Access, db.Documents.Count(d => d.FolderId == f.Id)))
            .ToListAsync(ct);
    }

    public async Task<int> SaveFolderAsync(PortalUser actor, int accountId, int? folderId, string name, FolderAccess access, CancellationToken ct = default)
    {
        actor.RequireStaff();
        name = RequireName(name, "The folder's name", 120);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.ClientAccounts.AnyAsync(a => a.Id == accountId, ct)) throw new NotFoundOrForbiddenException("The client account");
        if (await db.Folders.AnyAsync(f => f.ClientAccountId == accountId && f.Id != folderId && f.Name == name, ct))
            throw new PortalRuleException($"This account already has a folder named \"{name}\".");

        Folder folder;
        if (folderId is null)
        {
            folder = new Folder { ClientAccountId = accountId, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Folders.Add(folder);
        }
        else
        {
            folder = await db.Folders.SingleOrDefaultAsync(f => f.Id == folderId && f.ClientAccountId == accountId, ct)
                     ?? throw new NotFoundOrForbiddenException("The folder");
        }
        var hiddenNow = folderId is not null && folder.Access == FolderAccess.ClientCanView && access == FolderAccess.StaffOnly;
        folder.Name = name;
        folder.Access = access;
        IReadOnlyList<Documents.Document> cancelled = [];
        if (hiddenNow)
        {
            cancelled = await PendingApprovals.CancelForAsync(db, db.Documents.Where(d => d.FolderId == folder.Id), actor,
                $"the folder \"{name}\" was made staff-only", clock.GetUtcNow().UtcDateTime, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("A client decided on a document in this folder at the same moment. Look at it again and retry.");
        }
        // The client's portal and every open staff list show the folder's documents differently now.
        events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, accountId, 0));
        foreach (var doc in cancelled) events.Publish(new PortalEvent(PortalEventKind.ApprovalCancelled, accountId, doc.Id));
        return folder.Id;
    }

    internal static string RequireName(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0) throw new PortalRuleException($"{what} is required.");
        if (trimmed.Length > maxLength) throw new PortalRuleException($"{what} must be at most {maxLength} characters.");
        return trimmed;
    }

    private static async Task EnsureUniqueNameAsync(AppDbContext db, string name, int? exceptId, CancellationToken ct)
    {
        if (await db.ClientAccounts.AnyAsync(a => a.Name == name && a.Id != exceptId, ct))
            throw new PortalRuleException($"A client account named \"{name}\" already exists.");
    }

    internal static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
