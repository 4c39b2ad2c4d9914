using System.Linq.Expressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using MudBlazor;

namespace ApprovalsPortal.Features.Chats;

/// <summary>
/// Chats as a kind of action item: the item waits while the firm's last message waits for a reply, and its
/// message is that last message, so the to-do, resends and reminders always speak of it.
/// </summary>
public sealed class ChatKind : IActionItemKind
{
    public string Key => ChatThread.Kind;

    public string Icon => Icons.Material.Filled.Forum;

    public string TodoCaption => "Message to answer";

    public string StatusText(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Pending or ActionItemStatus.InProgress => "Awaiting reply",
        ActionItemStatus.Done => "Replied",
        _ => "Archived",
    };

    public string PortalHref(ActionItemLink item) => $"/portal/chats/{item.Id}";

    public string StaffHref(ActionItemLink item) => $"/chats/{item.Id}";

    public ActionItemEmailText EmailText(ActionItemEmailKind email, string firmName, string title) => email switch
    {
        ActionItemEmailKind.Reminder => new($"Reminder: {firmName} is waiting for your reply: {title}", $"A reminder: {firmName} is waiting for your reply in this conversation:", "Reply"),
        _ => new($"New message from {firmName}: {title}", $"{firmName} wrote to you:", "Read and reply"),
    };

    public ActionItemEmailText ListEmailText(ActionItemEmailKind email, int count, string firmName, string firstTitle) =>
        email == ActionItemEmailKind.Reminder
            ? new(count == 1 ? $"Reminder: {firmName} is waiting for your reply: {firstTitle}" : $"Reminder: {count} conversations wait for your reply", $"A reminder: {firmName} is waiting for your reply in these conversations:", "Reply")
            : new(count == 1 ? $"New message from {firmName}: {firstTitle}" : $"New messages from {firmName}", $"{firmName} wrote to you:", "Read and reply");

    public string? AuditLabel(AuditAction action) => action switch
    {
        AuditAction.Requested => "Message sent",
        AuditAction.Resent => "Message emailed again",
        AuditAction.Completed => "Client replied",
        AuditAction.Cancelled or AuditAction.Closed => "Archived",
        AuditAction.Reopened => "Reopened",
        _ => null,
    };

    /// <summary>A conversation goes on whatever its job does: archiving is the firm's to decide.</summary>
    public bool CancelledWhenJobMovesOn => false;

    /// <summary>A reply is not the end of a stage.</summary>
    public bool CountsForAutomove => false;

    /// <summary>Only while the thread is not archived (archiving ends the item's wait anyway).</summary>
    public Expression<Func<ActionItem, bool>> CanRemind(AppDbContext db) =>
        i => db.ChatThreads.Any(t => t.Id == i.Id && t.ArchivedAt == null);
}
