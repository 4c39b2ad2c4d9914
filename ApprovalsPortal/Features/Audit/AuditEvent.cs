using ApprovalsPortal.Features.Documents;

namespace ApprovalsPortal.Features.Audit;

public enum AuditAction
{
    Uploaded,
    Renamed,
    Moved,
    DescriptionChanged,
    Deleted,
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
}
