using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Audit;

public enum AuditAction
{
    Uploaded,
    Renamed,
    Moved,
    DescriptionChanged,
    Deleted,
    ApprovalRequested,
    ApprovalResent,
    ApprovalCancelled,
    Approved,
    Disapproved,
    RemindersChanged,
    ReminderSent,
}

/// <summary>Append-only: nothing updates or deletes these rows.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public int DocumentId { get; set; }
    public Document? Document { get; set; }
    public int ClientAccountId { get; set; }
    public string ActorUserId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public AuditAction Action { get; set; }
    public string Details { get; set; } = "";
    public DateTime At { get; set; }

    public static AuditEvent For(PortalUser actor, Document doc, AuditAction action, string details, DateTime at) => new()
    {
        Document = doc,
        ClientAccountId = doc.ClientAccountId,
        ActorUserId = actor.UserId,
        ActorName = actor.Name,
        Action = action,
        Details = details.Length > 2000 ? details[..2000] : details,
        At = at,
    };
}
