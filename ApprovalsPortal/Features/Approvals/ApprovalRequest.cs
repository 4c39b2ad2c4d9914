using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>How an approval reads: its action item's status in approval words.</summary>
public enum ApprovalStatus
{
    Pending,
    Approved,
    Disapproved,
    Cancelled,
}

/// <summary>
/// One request for a client's decision on one document: the approval kind of action item. It shares its id with its
/// <see cref="ActionItem"/>, which holds the shared life (status, message, resends, reminders); this row holds what
/// only approvals have: the document, the decision, the reasons and the comment. A document keeps all of its
/// requests; at most one waits (a unique index on waiting items per document and kind).
/// </summary>
public sealed class ApprovalRequest
{
    public const string Kind = "approval";

    private ApprovalRequest()
    {
    }

    public int Id { get; private set; }
    public ActionItem Item { get; private set; } = default!;
    public int DocumentId { get; private set; }
    public Document? Document { get; private set; }

    public string? DecidedByUserId { get; private set; }
    public string? DecidedByName { get; private set; }
    public int? DecidedByContactId { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string DecisionComment { get; private set; } = "";
    public List<DisapprovalReason> Reasons { get; private set; } = [];

    /// <summary>Needs <see cref="Item"/> loaded.</summary>
    public ApprovalStatus Status => StatusOf((Item ?? throw new InvalidOperationException("Include the request's Item to read its status.")).Status);

    public static ApprovalStatus StatusOf(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Done => ApprovalStatus.Approved,
        ActionItemStatus.Declined => ApprovalStatus.Disapproved,
        ActionItemStatus.Cancelled => ApprovalStatus.Cancelled,
        _ => ApprovalStatus.Pending,
    };

    public static ApprovalStatus? StatusOf(ActionItemStatus? status) => status is { } s ? StatusOf(s) : null;

    /// <summary>Asks the account's client to approve the document now.</summary>
    public static ApprovalRequest Send(Document document, ApprovalInput input, PortalUser staff, DateTime now, string? jobName = null) => new()
    {
        Item = ActionItem.Send(Kind, document.ClientAccountId, document.Id, document.Name, input.Message, input.Reminders, staff, now,
            ActionItemService.DescribeSending(input.Message, input.Reminders) + (jobName is null ? "" : $"; job \"{jobName}\""), input.JobId),
        DocumentId = document.Id,
    };

    public void Approve(PortalUser client, int? contactId, DateTime now)
    {
        Item.Complete(client, now, "Approved");
        Decided(client, contactId, now);
    }

    public void Disapprove(PortalUser client, int? contactId, IReadOnlyList<ReasonOptionRow> reasons, string comment, DateTime now)
    {
        comment = (comment ?? "").Trim();
        Item.Decline(client, now, "Reasons: " + string.Join("; ", reasons.Select(r => r.Text)) + (comment.Length > 0 ? $". Comment: \"{comment}\"" : ""));
        Decided(client, contactId, now);
        DecisionComment = comment;
        foreach (var reason in reasons) Reasons.Add(new DisapprovalReason { ReasonOptionId = reason.Id, Text = reason.Text });
    }

    private void Decided(PortalUser client, int? contactId, DateTime now)
    {
        DecidedAt = now;
        DecidedByUserId = client.UserId;
        DecidedByName = client.Name;
        DecidedByContactId = contactId;
    }
}
