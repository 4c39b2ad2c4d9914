using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>An entry of the firm's list as the admin page shows it.</summary>
/// <param name="TimesUsed">How many past disapprovals gave it: a used reason is retired, never deleted.</param>
public sealed record ReasonAdminRow(int Id, string Text, bool RequiresComment, bool IsActive, int TimesUsed);

/// <summary>
/// The firm's list of disapproval reasons, for admins: add, rename, reorder, retire and restore. Past decisions keep
/// the words they were given (<see cref="DisapprovalReason.Text"/>). The reason that needs a comment ("Other") always
/// stays, and always needs the comment: a client can then always say what is wrong. Each change reads and writes in
/// one write transaction: two admins adding the same reason at once get one reason and one refusal.
/// </summary>
public sealed class DisapprovalReasonAdmin(IDbContextFactory<AppDbContext> dbFactory, AdminAuditService audit)
{
    public const int MaxTextLength = 200;

    public async Task<IReadOnlyList<ReasonAdminRow>> ListAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DisapprovalReasonOptions.AsNoTracking()
            .OrderByDescending(o => o.IsActive).ThenBy(o => o.SortOrder).ThenBy(o => o.Id)
            .Select(o => new ReasonAdminRow(o.Id, o.Text, o.RequiresComment, o.IsActive,
                db.DisapprovalReasons.Count(r => r.ReasonOptionId == o.Id)))
            .ToListAsync(ct);
    }

    /// <summary>The message for a reason's words, or null when they can be saved.</summary>
    public static string? Validate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Enter the reason's words."
        : text.Trim().Length > MaxTextLength ? $"Keep a reason to {MaxTextLength} characters."
        : null;

    public async Task AddAsync(PortalUser actor, string text, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        text = Checked(text);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        await EnsureUniqueAsync(db, text, null, ct);
        var last = await db.DisapprovalReasonOptions.MaxAsync(o => (int?)o.SortOrder, ct) ?? 0;
        db.DisapprovalReasonOptions.Add(new DisapprovalReasonOption { Text = text, SortOrder = last + 1 });
        audit.Add(db, actor, AdminArea.DisapprovalReasons, $"Added the reason \"{text}\"");
        await audit.SaveAsync(db, transaction, ct);
    }

    public async Task RenameAsync(PortalUser actor, int id, string text, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        text = Checked(text);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var option = await FindAsync(db, id, ct);
        if (option.Text == text) return;
        await EnsureUniqueAsync(db, text, id, ct);
        audit.Add(db, actor, AdminArea.DisapprovalReasons, $"Renamed the reason \"{option.Text}\" to \"{text}\"");
        option.Text = text;
        await audit.SaveAsync(db, transaction, ct);
    }

    /// <summary>Moves an active reason one place up (-1) or down (+1) in the list clients see.</summary>
    public async Task MoveAsync(PortalUser actor, int id, int direction, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var active = await db.DisapprovalReasonOptions.Where(o => o.IsActive).OrderBy(o => o.SortOrder).ThenBy(o => o.Id).ToListAsync(ct);
        var index = active.FindIndex(o => o.Id == id);
        if (index < 0) throw new PortalRuleException("Only reasons in use can be moved. Restore this one first.");
        var target = index + Math.Sign(direction);
        if (direction == 0 || target < 0 || target >= active.Count) return;
        (active[index], active[target]) = (active[target], active[index]);
        for (var i = 0; i < active.Count; i++) active[i].SortOrder = i + 1;
        audit.Add(db, actor, AdminArea.DisapprovalReasons, $"Moved the reason \"{active[target].Text}\" {(direction < 0 ? "up" : "down")}");
        await audit.SaveAsync(db, transaction, ct);
    }

    /// <summary>Clients no longer see it; past decisions that gave it keep it.</summary>
    public async Task RetireAsync(PortalUser actor, int id, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var option = await FindAsync(db, id, ct);
        if (!option.IsActive) return;
        if (option.RequiresComment)
            throw new PortalRuleException($"\"{option.Text}\" stays: it lets clients give a reason that is not in the list, with a comment.");
        option.IsActive = false;
        audit.Add(db, actor, AdminArea.DisapprovalReasons, $"Retired the reason \"{option.Text}\"");
        await audit.SaveAsync(db, transaction, ct);
    }

    /// <summary>Brings a retired reason back, at the end of the list.</summary>
    public async Task RestoreAsync(PortalUser actor, int id, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var option = await FindAsync(db, id, ct);
        if (option.IsActive) return;
        await EnsureUniqueAsync(db, option.Text, id, ct);
        option.IsActive = true;
        option.SortOrder = (await db.DisapprovalReasonOptions.Where(o => o.IsActive).MaxAsync(o => (int?)o.SortOrder, ct) ?? 0) + 1;
        audit.Add(db, actor, AdminArea.DisapprovalReasons, $"Restored the reason \"{option.Text}\"");
        await audit.SaveAsync(db, transaction, ct);
    }

    private static string Checked(string? text) =>
        Validate(text) is { } error ? throw new PortalRuleException(error) : text!.Trim();

    private static async Task<DisapprovalReasonOption> FindAsync(AppDbContext db, int id, CancellationToken ct) =>
        await db.DisapprovalReasonOptions.SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundOrForbiddenException("The reason");

    /// <summary>Two reasons in use with the same words would look like one to the client.</summary>
    private static async Task EnsureUniqueAsync(AppDbContext db, string text, int? exceptId, CancellationToken ct)
    {
        // SQLite's NOCASE: "Other" and "other" are one reason to a reader.
        if (await db.DisapprovalReasonOptions.AnyAsync(o => o.IsActive && o.Id != exceptId && EF.Functions.Collate(o.Text, "NOCASE") == text, ct))
            throw new PortalRuleException($"The list already has the reason \"{text}\".");
    }
}
