namespace ApprovalsPortal.Features.ActionItems;

/// <summary>What staff see of one item: its state, its history of sending and its reminder schedule.</summary>
public sealed record ActionItemSummary(
    int Id,
    string Kind,
    ActionItemStatus Status,
    string Title,
    string Message,
    bool RemindersEnabled,
    int ReminderIntervalDays,
    int ReminderCount,
    int RemindersSent,
    DateTime? NextReminderAt,
    bool RemindersPaused,
    bool JobArchived,
    string RequestedByName,
    DateTime RequestedAt,
    DateTime LastSentAt,
    int ResendCount,
    DateTime? CompletedAt)
{
    public bool IsWaiting => Status.IsWaiting();
    public ReminderSettings Reminders => new(RemindersEnabled, ReminderIntervalDays, ReminderCount);
}

/// <summary>Sending an item again: the message and the reminders as staff left them in the dialog.</summary>
public sealed record ResendInput(string Message, ReminderSettings Reminders);

/// <summary>A client's to-do in Pending action, for any kind.</summary>
public sealed record PendingActionRow(
    int ItemId,
    string Kind,
    string Icon,
    string Title,
    string Caption,
    string Message,
    string AccountName,
    DateTime LastSentAt,
    string Href);
