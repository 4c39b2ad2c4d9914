namespace ApprovalsPortal.Features.Approvals;

public sealed record ApprovalInput(string Message, bool RemindersEnabled, int ReminderIntervalDays, int ReminderCount);

public sealed record ApprovalRecipient(string Name, string Email);

public sealed record ApprovalSummary(
    int RequestId,
    ApprovalStatus Status,
    string Message,
    bool RemindersEnabled,
    int ReminderIntervalDays,
    int ReminderCount,
    int RemindersSent,
    DateTime? NextReminderAt,
    string RequestedByName,
    DateTime RequestedAt,
    DateTime LastSentAt,
    int ResendCount,
    string? DecidedByName,
    DateTime? DecidedAt);

/// <summary>Everything the checkmark button and dialog need about one document.</summary>
public sealed record DocumentApprovalState(
    int DocumentId,
    string DocumentName,
    string? CannotRequestReason,
    ApprovalSummary? Current,
    IReadOnlyList<ApprovalRecipient> Recipients)
{
    public bool CanRequest => CannotRequestReason is null;
    public bool IsPending => Current?.Status == ApprovalStatus.Pending;
}

public sealed record DisapprovalDetails(string DecidedByName, DateTime DecidedAt, IReadOnlyList<string> Reasons, string Comment);

/// <summary>A row of the account's Approvals sub-tab: a document and its latest request.</summary>
public sealed record ApprovalListRow(
    int DocumentId,
    string DocumentName,
    string ContentType,
    DateTime RequestedAt,
    string UploadedByName,
    string Description,
    ApprovalStatus Status,
    DateTime? DisapprovedAt,
    ApprovalsPortal.Features.Accounts.FolderAccess FolderAccess);

/// <summary>A client's to-do in Pending action.</summary>
public sealed record PendingActionRow(
    int RequestId,
    int DocumentId,
    string DocumentName,
    string ContentType,
    DateTime RequestedAt,
    DateTime LastSentAt,
    string Message,
    string AccountName);

public sealed record ReasonOptionRow(int Id, string Text, bool RequiresComment);

/// <summary>What the client sees about a pending request on the document they opened.</summary>
public sealed record ClientApprovalPrompt(int RequestId, string Message, string RequestedByName, DateTime LastSentAt);

public sealed record DisapprovalInput(IReadOnlyCollection<int> ReasonIds, string Comment);
