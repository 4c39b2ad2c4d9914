using ApprovalsPortal.Features.Approvals;

namespace ApprovalsPortal.Features.Portal;

/// <summary>
/// An item in a client's "Pending action" list, shared by the account's portal contacts. Approval requests make
/// them now; later kinds of client requests will too. A resend bumps it to the top.
/// </summary>
public sealed class PortalTodo
{
    public int Id { get; set; }
    public int ClientAccountId { get; set; }
    public int? ApprovalRequestId { get; set; }
    public ApprovalRequest? ApprovalRequest { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Most recent first: set on creation and on every resend.</summary>
    public DateTime BumpedAt { get; set; }
}
