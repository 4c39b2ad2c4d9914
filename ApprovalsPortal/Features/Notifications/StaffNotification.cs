namespace ApprovalsPortal.Features.Notifications;

/// <summary>An item in a staff member's inbox, such as "Olivia Baker disapproved Annual accounts.pdf".</summary>
public sealed class StaffNotification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>Where the item opens in the staff workspace (a document, a request...), given by whoever wrote it.</summary>
    public string? Link { get; set; }
    public int? ClientAccountId { get; set; }
    public int? ActionItemId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
