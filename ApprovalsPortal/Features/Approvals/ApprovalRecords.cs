using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>What the approval dialog collects: the message, the reminder settings and the job to link the request to.</summary>
public sealed record ApprovalInput(string Message, bool RemindersEnabled, int ReminderIntervalDays, int ReminderCount, int? JobId = null)
{
    public ReminderSettings Reminders => new(RemindersEnabled, ReminderIntervalDays, ReminderCount);
}

/// <summary>A document's latest approval request: its shared item and the decision.</summary>
public sealed record ApprovalSummary(ActionItemSummary Item, string? DecidedByName, DateTime? DecidedAt)
{
    public int RequestId => Item.Id;
    public ApprovalStatus Status => ApprovalRequest.StatusOf(Item.Status);
}

/// <summary>Everything the checkmark button and dialog need about one document.</summary>
public sealed record DocumentApprovalState(
    int DocumentId,
    string DocumentName,
    string? CannotRequestReason,
    ApprovalSummary? Current,
    IReadOnlyList<ActionItemRecipient> Recipients,
    IReadOnlyList<JobOption> Jobs,
    bool LockedUntilPaid = false)
{
    public bool CanRequest => CannotRequestReason is null;
    public bool IsPending => Current?.Status == ApprovalStatus.Pending;
}

public sealed record DisapprovalDetails(string DecidedByName, DateTime DecidedAt, IReadOnlyList<string> Reasons, string Comment);

/// <summary>A row of the account's Approvals sub-tab: a document and its latest request.</summary>
public sealed record ApprovalListRow(
    int DocumentId,
    int RequestId,
    string DocumentName,
    string ContentType,
    DateTime RequestedAt,
    string UploadedByName,
    string Description,
    ApprovalStatus Status,
    DateTime? DisapprovedAt,
    FolderAccess FolderAccess);

public sealed record ReasonOptionRow(int Id, string Text, bool RequiresComment);

/// <summary>What the client sees about a pending request on the document they opened.</summary>
public sealed record ClientApprovalPrompt(int RequestId, string Message, string RequestedByName, DateTime LastSentAt);

public sealed record DisapprovalInput(IReadOnlyCollection<int> ReasonIds, string Comment);
