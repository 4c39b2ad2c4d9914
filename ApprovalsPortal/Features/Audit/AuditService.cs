using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Audit;

/// <summary>Reads a document's audit trail; writing happens inside each feature's own transaction.</summary>
public sealed class AuditService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<AuditEntry>> TrailAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Documents.VisibleTo(db, actor).AnyAsync(d => d.Id == documentId, ct)) return [];
        return await db.AuditEvents.AsNoTracking().Where(a => a.DocumentId == documentId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditEntry(a.Id, a.Action, a.ActorName, a.Details, a.At))
            .ToListAsync(ct);
    }
}
