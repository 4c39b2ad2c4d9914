namespace ApprovalsPortal.Features.Email;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
    /// <summary>
    /// Being handed to the mail server now. Found so at start, the portal stopped in the middle: whether the server
    /// took it is unknown, so it is failed for an admin to check and retry rather than risk sending it twice.
    /// </summary>
    Sending,
}

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change that caused it. Its Message-ID is
/// fixed when it is written, so every retry sends the same message.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public string MessageId { get; set; } = "";
    /// <summary>Set for messages that must exist at most once (a reminder per request, number and contact).</summary>
    public string? DeduplicationKey { get; set; }
    public string ToAddress { get; set; } = "";
    public string ToName { get; set; } = "";
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}
