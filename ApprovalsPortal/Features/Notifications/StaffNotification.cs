namespace ApprovalsPortal.Features.Notifications;

/// <summary>An item in a staff member's inbox, such as "Olivia Baker disapproved Annual accounts.pdf".</summary>
public sealed class StaffNotification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public int? DocumentId { get; set; }
    public int? ClientAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
