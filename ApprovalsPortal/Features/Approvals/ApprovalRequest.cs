using ApprovalsPortal.Features.Documents;

namespace ApprovalsPortal.Features.Approvals;

public enum ApprovalStatus
{
    Pending,
    Approved,
    Disapproved,
    Cancelled,
}

/// <summary>One request for a client's decision on one document. A document keeps all of its requests; at most one is Pending.</summary>
public sealed class ApprovalRequest
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public Document? Document { get; set; }
    public int ClientAccountId { get; set; }
    public ApprovalStatus Status { get; set; }
    public string Message { get; set; } = "";

    public bool RemindersEnabled { get; set; }
    public int ReminderIntervalDays { get; set; }
    public int ReminderCount { get; set; }
    public int RemindersSent { get; set; }
    /// <summary>The reminder schedule is data: the sweep sends what is due, so a restart misses nothing.</summary>
    public DateTime? NextReminderAt { get; set; }
    public DateTime? LastReminderAt { get; set; }

    public string RequestedByUserId { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    /// <summary>When the client was last asked: the request, or its latest resend.</summary>
    public DateTime LastSentAt { get; set; }
    public int ResendCount { get; set; }

    public string? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public int? DecidedByContactId { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string DecisionComment { get; set; } = "";
    public List<DisapprovalReason> Reasons { get; set; } = [];

    public string? CancelledByName { get; set; }
    public DateTime? CancelledAt { get; set; }

    /// <summary>Changed on every update; a stale write (a decision racing a cancel) fails instead of overwriting.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
