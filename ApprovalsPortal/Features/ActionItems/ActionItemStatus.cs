namespace ApprovalsPortal.Features.ActionItems;

/// <summary>Where an action item stands. Kinds name these in their own words ("Approved" is Done for an approval).</summary>
public enum ActionItemStatus
{
    /// <summary>Sent; the client has not acted yet.</summary>
    Pending,
    /// <summary>The client has started (a request partly answered) but not finished: still waiting for them.</summary>
    InProgress,
    /// <summary>The client did what was asked (approved, submitted, signed, paid).</summary>
    Done,
    /// <summary>The client answered, but no (disapproved, declined to sign): the item is over without being done.</summary>
    Declined,
    /// <summary>The firm withdrew it.</summary>
    Cancelled,
}

public static class ActionItemStatuses
{
    /// <summary>Pending or In progress: the client still has to act, so the to-do and the reminders live on.</summary>
    public static bool IsWaiting(this ActionItemStatus status) => status is ActionItemStatus.Pending or ActionItemStatus.InProgress;
}
