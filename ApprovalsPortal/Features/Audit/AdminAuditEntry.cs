using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Audit;

/// <summary>What the administration pages change, kept apart from the accounts' trails.</summary>
public enum AdminArea
{
    StaffUsers,
    DisapprovalReasons,
    FirmSettings,
}

/// <summary>
/// One change made on an administration page: who, when, where, and what in words (never a secret's value).
/// Append-only, like <see cref="AuditEvent"/>.
/// </summary>
public sealed class AdminAuditEntry
{
    public const int MaxDetailsLength = 2000;

    public long Id { get; set; }
    public DateTime At { get; set; }
    public string ActorUserId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public AdminArea Area { get; set; }
    public string Details { get; set; } = "";

    public static AdminAuditEntry Create(PortalUser actor, AdminArea area, string details, DateTime at) => new()
    {
        At = at,
        ActorUserId = actor.UserId,
        ActorName = actor.Name,
        Area = area,
        Details = details.Length > MaxDetailsLength ? details[..MaxDetailsLength] : details,
    };

    public static string Describe(AdminArea area) => area switch
    {
        AdminArea.StaffUsers => "Staff users",
        AdminArea.DisapprovalReasons => "Disapproval reasons",
        AdminArea.FirmSettings => "Firm settings",
        _ => area.ToString(),
    };
}
