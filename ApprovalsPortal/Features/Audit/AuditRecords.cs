namespace ApprovalsPortal.Features.Audit;

public sealed record AuditEntry(long Id, AuditAction Action, string? ItemKind, string ActorName, string Details, DateTime At);

/// <summary>
/// Names audit actions for the trail. Item kinds live above this feature, so they supply their words through this
/// interface (registered in DI) instead of the trail knowing them.
/// </summary>
public interface IAuditLabels
{
    /// <summary>The label for an item action of this kind, or null when the kind is not this provider's.</summary>
    string? Label(AuditAction action, string itemKind);
}
