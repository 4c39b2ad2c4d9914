using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Audit;

/// <summary>What happened. Item actions are the same words for every kind; the kind names them ("Approved" is Completed).</summary>
public enum AuditAction
{
    Uploaded,
    Renamed,
    Moved,
    DescriptionChanged,
    Deleted,
    Requested,
    Resent,
    Cancelled,
    Completed,
    Declined,
    RemindersChanged,
    ReminderSent,
    /// <summary>An item was linked to a job, or unlinked from one.</summary>
    JobLinked,
    /// <summary>Staff changed a waiting item (its questions, title, audience or message) before the client started.</summary>
    Edited,
    /// <summary>A finished item was sent back to the client.</summary>
    Reopened,
    /// <summary>Staff closed a finished item (a submitted request marked completed).</summary>
    Closed,
    /// <summary>Someone opened an item through a link of their own (a third party's); the details say who and from where.</summary>
    LinkOpened,
    /// <summary>Staff revoked a link, or someone's access to the item.</summary>
    LinkRevoked,
    /// <summary>Money received against an item (an invoice), short of settling it.</summary>
    PaymentRecorded,
    /// <summary>A document was locked until an invoice is paid ("Pending payment").</summary>
    Locked,
    /// <summary>A document's payment lock was lifted: the invoice was paid or voided, or staff unlocked it.</summary>
    Unlocked,
    /// <summary>One signer signed (an item asking several people); the details say who, how and from where.</summary>
    SignatureGiven,
}

/// <summary>
/// Append-only: nothing updates or deletes these rows. An entry belongs to an account and to a document, an action
/// item, or both (an approval's entries show in its document's trail). The owners link new entries through their
/// own AuditEvents collections, so this low-level type knows none of them.
/// </summary>
public sealed class AuditEvent
{
    public const int MaxDetailsLength = 2000;

    public long Id { get; set; }
    public int ClientAccountId { get; set; }
    public int? DocumentId { get; set; }
    public int? ActionItemId { get; set; }
    /// <summary>The item's kind, so the trail can name the action in the kind's words.</summary>
    public string? ItemKind { get; set; }
    public string ActorUserId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public AuditAction Action { get; set; }
    public string Details { get; set; } = "";
    public DateTime At { get; set; }

    public static AuditEvent Create(PortalUser actor, int accountId, AuditAction action, string details, DateTime at, string? itemKind = null) => new()
    {
        ClientAccountId = accountId,
        ItemKind = itemKind,
        ActorUserId = actor.UserId,
        ActorName = actor.Name,
        Action = action,
        Details = details.Length > MaxDetailsLength ? details[..MaxDetailsLength] : details,
        At = at,
    };
}
