using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Accounts;

/// <summary>Client accounts and their folders, for staff.</summary>
public sealed class AccountService(
    IDbContextFactory<AppDbContext> dbFactory,
    IEnumerable<IAccountChangeParticipant> participants,
    TimeProvider clock,
    PortalEvents events,
    ILogger<AccountService> logger)
{
    public async Task<AccountDetails> GetAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ClientAccounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new AccountDetails(
                a.Id, a.Name, a.CreatedAt, a.ArchivedAt,
                a.Contacts.Count,
                a.Contacts.Count(c => c.PortalAccess),
                // Emails about requests need a login to follow their links, so "notified" means Notify and portal access.
                a.Contacts.Count(c => c.Notify && c.PortalAccess),
                a.Folders.Count))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundOrForbiddenException("The client account");
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

    /// <summary>What archiving the account would do besides hiding it, for the confirmation (say, stopping reminders).</summary>
    public async Task<IReadOnlyList<string>> DescribeArchiveAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = new List<string>();
        foreach (var participant in participants) lines.AddRange(await participant.DescribeArchiveAsync(db, accountId, ct));
        return lines;
    }

    /// <summary>
    /// Archived accounts leave the default list; nothing is deleted and they can be restored. Features built on
    /// accounts follow in the same transaction (waiting items hold their reminders until the account is restored).
    /// </summary>
    public async Task SetArchivedAsync(PortalUser actor, int accountId, bool archived, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.ClientAccounts.FindAsync([accountId], ct) ?? throw new NotFoundOrForbiddenException("The client account");
        if ((account.ArchivedAt is not null) == archived) return;
        var change = new AccountChange(db, accountId, actor, clock.GetUtcNow().UtcDateTime);
        account.ArchivedAt = archived ? change.Now : null;
        var followUps = new List<PortalEvent>();
        foreach (var participant in participants)
            followUps.AddRange(archived ? await participant.ArchivingAsync(change, ct) : await participant.RestoringAsync(change, ct));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("A client answered a request of this account at the same moment. Look at it again and retry.");
        }
        logger.LogInformation("Client account {AccountId} archived={Archived} by {UserId}", accountId, archived, actor.UserId);
        events.Publish(new PortalEvent(PortalEventKind.AccountChanged, accountId, 0));
        foreach (var followUp in followUps) events.Publish(followUp);
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
        var followUps = new List<PortalEvent>();
        if (hiddenNow)
        {
            var change = new AccountChange(db, accountId, actor, clock.GetUtcNow().UtcDateTime);
            foreach (var participant in participants) followUps.AddRange(await participant.FolderHiddenAsync(change, folder.Id, name, ct));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("A client answered a request about a document in this folder at the same moment. Look at it again and retry.");
        }
        // The client's portal and every open staff list show the folder's documents differently now.
        events.Publish(new PortalEvent(PortalEventKind.AccountChanged, accountId, 0));
        foreach (var followUp in followUps) events.Publish(followUp);
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

    /// <summary>For client pickers: active accounts whose name contains the text.</summary>
    public async Task<IReadOnlyList<AccountOption>> SearchAccountsAsync(PortalUser actor, string? text, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = db.ClientAccounts.AsNoTracking().Where(a => a.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(text)) accounts = accounts.Where(a => EF.Functions.Like(a.Name, $"%{EscapeLike(text.Trim())}%", "\\"));
        return await accounts.OrderBy(a => a.Name).Take(20).Select(a => new AccountOption(a.Id, a.Name)).ToListAsync(ct);
    }

    public async Task<AccountOption?> GetAccountAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ClientAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new AccountOption(a.Id, a.Name)).SingleOrDefaultAsync(ct);
    }

    /// <summary>For "uploaded by" and a job's assignee: the firm's staff and admins.</summary>
    public async Task<IReadOnlyList<StaffOption>> ListStaffAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Staff || r.Name == Roles.Admin))))
            .OrderBy(u => u.DisplayName).Select(u => new StaffOption(u.Id, u.DisplayName)).ToListAsync(ct);
    }

    internal static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
