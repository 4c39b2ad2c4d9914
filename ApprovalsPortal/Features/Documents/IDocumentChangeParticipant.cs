using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Documents;

/// <summary>
/// Lets features that build on documents (action items that concern a document) follow a document's changes inside
/// the same transaction, without Documents knowing them: they implement this and register it in DI. Each returns
/// the events to publish once the change is committed.
/// </summary>
public interface IDocumentChangeParticipant
{
    /// <summary>The document left the client's sight: deleted, or moved to a staff-only folder. <paramref name="reason"/> is a sentence.</summary>
    Task<IReadOnlyList<PortalEvent>> HidingAsync(AppDbContext db, Document document, PortalUser actor, string reason, DateTime now, CancellationToken ct);

    Task RenamedAsync(AppDbContext db, Document document, CancellationToken ct);
}
