using System.Linq.Expressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using MudBlazor;

namespace ApprovalsPortal.Features.Requests;

/// <summary>
/// Client requests as a kind of action item: their words, links and recipients. A request is In progress once the
/// first answer is saved, Done ("Submitted") when the answerer submits it.
/// </summary>
public sealed class RequestKind(RequestLinks links) : IActionItemKind
{
    public string Key => ClientRequest.Kind;

    public string Icon => Icons.Material.Filled.QuestionAnswer;

    public string TodoCaption => "Questions to answer";

    public string StatusText(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Pending => "Pending",
        ActionItemStatus.InProgress => "In progress",
        ActionItemStatus.Done => "Submitted",
        ActionItemStatus.Declined => "Declined",
        _ => "Cancelled",
    };

    public string PortalHref(ActionItemLink item) => $"/portal/requests/{item.Id}";

    public string StaffHref(ActionItemLink item) => $"/requests/{item.Id}";

    public ActionItemEmailText EmailText(ActionItemEmailKind email, string firmName, string title) => email switch
    {
        ActionItemEmailKind.Request => new($"Please answer: {title}", $"{firmName} has a few questions for you:", "Answer the questions"),
        ActionItemEmailKind.Resend => new($"Still waiting for your answers: {title}", $"{firmName} is still waiting for your answers to:", "Answer the questions"),
        ActionItemEmailKind.Reopen => new($"Please look again: {title}", $"{firmName} has reopened these questions for you:", "Open the questions"),
        _ => new($"Reminder: please answer {title}", $"A reminder: {firmName} is waiting for your answers to:", "Answer the questions"),
    };

    public ActionItemEmailText ListEmailText(ActionItemEmailKind email, int count, string firmName, string firstTitle)
    {
        var subject = count == 1 ? $"Please answer: {firstTitle}" : $"Please answer {count} requests";
        return email switch
        {
            ActionItemEmailKind.Reminder => new("Reminder: " + char.ToLowerInvariant(subject[0]) + subject[1..], $"A reminder: {firmName} is waiting for your answers:", "Answer the questions"),
            _ => new(subject, $"{firmName} is waiting for your answers:", "Answer the questions"),
        };
    }

    public string? AuditLabel(AuditAction action) => action switch
    {
        AuditAction.Requested => "Request sent",
        AuditAction.Resent => "Request resent",
        AuditAction.Cancelled => "Request cancelled",
        AuditAction.Completed => "Submitted",
        AuditAction.Edited => "Request changed",
        AuditAction.Reopened => "Reopened",
        AuditAction.Closed => "Marked completed",
        _ => null,
    };

    /// <summary>A request concerns no document: nothing of the kind's own stops its reminders.</summary>
    public Expression<Func<ActionItem, bool>> CanRemind(AppDbContext db) => _ => true;

    /// <summary>Each third party whose access was not revoked, with a fresh link of their own.</summary>
    public Task<IReadOnlyList<ActionItemRecipient>> ExternalRecipientsAsync(AppDbContext db, ActionItem item, DateTime now, CancellationToken ct) =>
        links.MintForAsync(db, item.Id, null, now, ct);
}
