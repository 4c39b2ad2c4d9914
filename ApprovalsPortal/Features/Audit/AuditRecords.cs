namespace ApprovalsPortal.Features.Audit;

public sealed record AuditEntry(long Id, AuditAction Action, string ActorName, string Details, DateTime At);
