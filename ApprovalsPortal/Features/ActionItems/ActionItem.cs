using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>
/// Anything a client must act on: an approval, a client request, a signature, an invoice, a chat. Each kind keeps
/// its own fields in its own table (sharing this item's id) and names the statuses in its own words; the life they
/// share lives here: the to-do in Pending action, resends, the reminder schedule and the audit entries.
/// State changes go through the methods below, which enforce the rules, record the audit entry and change the
/// concurrency stamp, so a stale write (a decision racing a cancel) fails instead of overwriting.
/// </summary>
public sealed class ActionItem
{
    public const int MaxMessageLength = 2000;
    public const int MaxTitleLength = 255;

    private ActionItem()
    {
    }

    public int Id { get; private set; }
    /// <summary>The kind's key, such as "approval"; see <see cref="IActionItemKind"/>.</summary>
    public string Kind { get; private set; } = "";
    public int ClientAccountId { get; private set; }
    public ClientAccount? ClientAccount { get; private set; }
    /// <summary>The job the item belongs to, if any (jobs link items from their own feature).</summary>
    public int? JobId { get; private set; }
    /// <summary>The document the item concerns, if any: its name is the item's title and its trail shows the item.</summary>
    public int? DocumentId { get; private set; }
    public Document? Document { get; private set; }
    public ActionItemStatus Status { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public string RequestedByUserId { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    /// <summary>When the client was last asked: the request, or its latest resend.</summary>
    public DateTime LastSentAt { get; private set; }
    public int ResendCount { get; private set; }
    /// <summary>The to-do's place in Pending action (latest first); null while the client has nothing to do.</summary>
    public DateTime? TodoAt { get; private set; }

    public bool RemindersEnabled { get; private set; }
    public int ReminderIntervalDays { get; private set; }
    public int ReminderCount { get; private set; }
    /// <summary>Reminders sent since the item was last sent: a resend starts the count again.</summary>
    public int RemindersSent { get; private set; }
    /// <summary>The schedule is data: the sweep sends what is due, so a restart misses nothing.</summary>
    public DateTime? NextReminderAt { get; private set; }
    public DateTime? LastReminderAt { get; private set; }
    /// <summary>Held while the account is archived; resuming starts one interval later, never with a burst.</summary>
    public bool RemindersPaused { get; private set; }
    /// <summary>
    /// Stopped because the item's job is archived: the client can still act, nobody is reminded. Kept apart from
    /// <see cref="RemindersPaused"/> so that restoring the account does not restart what the job stopped, nor the reverse.
    /// </summary>
    public bool JobArchived { get; private set; }

    /// <summary>
    /// Sent to people outside the account's portal (a client request's third parties): the account's contacts get no
    /// to-do and no email; the kind names the recipients, each with a link of their own.
    /// </summary>
    public bool ExternalAudience { get; private set; }

    public DateTime? CompletedAt { get; private set; }
    public string? CancelledByName { get; private set; }
    public DateTime? CancelledAt { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    /// <summary>This item's entries in the audit trail; adding here links a new entry to the item when it is saved.</summary>
    public List<AuditEvent> AuditEvents { get; private set; } = [];

    /// <summary>
    /// The contacts it is addressed to, when the kind names them (signers). Kinds that use it load it with the item
    /// and save changes before queueing emails.
    /// </summary>
    public List<ActionItemAddressee> Addressees { get; private set; } = [];

    /// <summary>
    /// Addressed to named contacts (<see cref="Addressees"/>), not to the whole account: only those waiting are
    /// emailed, reminded and shown the to-do, and nobody else ever is, even when every addressee is gone.
    /// </summary>
    public bool Addressed { get; private set; }

    /// <summary>Names who the item is for; <paramref name="waiting"/> says who is asked now.</summary>
    public void AddressTo(int contactId, bool waiting)
    {
        Addressed = true;
        Addressees.Add(ActionItemAddressee.For(contactId, waiting));
    }

    public ReminderSettings Reminders => new(RemindersEnabled, ReminderIntervalDays, ReminderCount);

    /// <summary>
    /// The schedule's round: a resend or a job's unarchiving starts a new one, so reminder emails of different rounds
    /// never share an outbox key.
    /// </summary>
    public int ReminderRound { get; private set; }

    /// <summary>A new item, sent now: its to-do is at the top and the first reminder falls one interval later.</summary>
    public static ActionItem Send(string kind, int accountId, int? documentId, string title, string message, ReminderSettings reminders,
        PortalUser requestedBy, DateTime now, string auditDetails, int? jobId = null, bool externalAudience = false)
    {
        ThrowIfInvalid(message, reminders);
        var item = new ActionItem
        {
            Kind = kind,
            ClientAccountId = accountId,
            DocumentId = documentId,
            JobId = jobId,
            Status = ActionItemStatus.Pending,
            Title = title.Length > MaxTitleLength ? title[..MaxTitleLength] : title,
            Message = (message ?? "").Trim(),
            RequestedByUserId = requestedBy.UserId,
            RequestedByName = requestedBy.Name,
            RequestedAt = now,
            LastSentAt = now,
            ExternalAudience = externalAudience,
            TodoAt = externalAudience ? null : now,
        };
        item.Schedule(reminders, now);
        item.Record(requestedBy, AuditAction.Requested, auditDetails, now);
        return item;
    }

    /// <summary>
    /// Asks again: the to-do goes back to the top and, with reminders on, a fresh schedule starts (days and number
    /// count again from now).
    /// </summary>
    public void Resend(PortalUser actor, string message, ReminderSettings reminders, DateTime now, string auditDetails)
    {
        EnsureWaiting("resent");
        ThrowIfInvalid(message, reminders);
        Message = (message ?? "").Trim();
        LastSentAt = now;
        ResendCount++;
        ReminderRound++;
        TodoAt = ExternalAudience ? null : now;
        Schedule(reminders, now);
        Record(actor, AuditAction.Resent, auditDetails, now);
    }

    /// <summary>
    /// Changes or switches off the reminders. Nothing is sent now; the next reminder falls one (new) interval after
    /// the client was last contacted, and at the earliest at the next sweep.
    /// </summary>
    public void ChangeReminders(PortalUser actor, ReminderSettings reminders, DateTime now)
    {
        EnsureWaiting("changed");
        ThrowIfInvalid(Message, reminders);
        if (reminders.Enabled && reminders.Count < RemindersSent)
            throw new PortalRuleException($"{RemindersSent} reminders were sent already: the number of reminders cannot be lower.");
        RemindersEnabled = reminders.Enabled;
        ReminderIntervalDays = reminders.IntervalDays;
        ReminderCount = reminders.Count;
        NextReminderAt = NextAfterLastContact(now);
        Record(actor, AuditAction.RemindersChanged, reminders.Describe(), now);
    }

    /// <summary>
    /// One reminder went out now. The next falls one interval after it, so after downtime the missed reminders do not
    /// follow in a burst: one goes out, and the rest keep their spacing.
    /// </summary>
    public void RecordReminder(PortalUser system, DateTime now, bool anyoneEmailed)
    {
        if (!IsDue(now)) throw new InvalidOperationException($"Action item {Id} has no reminder due.");
        RemindersSent++;
        LastReminderAt = now;
        NextReminderAt = RemindersSent < ReminderCount ? now.AddDays(ReminderIntervalDays) : null;
        Record(system, AuditAction.ReminderSent, $"Reminder {RemindersSent} of {ReminderCount}" +
            (anyoneEmailed ? " sent" : ExternalAudience ? " due, but every link was revoked: nobody was emailed"
                : " due, but no contact with portal access has Notify on: nobody was emailed"), now);
    }

    public bool IsDue(DateTime now) =>
        Status.IsWaiting() && RemindersEnabled && !RemindersPaused && !JobArchived && RemindersSent < ReminderCount && NextReminderAt is { } due && due <= now;

    /// <summary>The client did what was asked.</summary>
    public void Complete(PortalUser client, DateTime now, string auditDetails) => Close(client, ActionItemStatus.Done, AuditAction.Completed, now, auditDetails);

    /// <summary>The client answered no (disapproved, declined): over, but not done.</summary>
    public void Decline(PortalUser client, DateTime now, string auditDetails) => Close(client, ActionItemStatus.Declined, AuditAction.Declined, now, auditDetails);

    /// <summary>The client started without finishing: still waiting for them, reminders go on.</summary>
    public void Start()
    {
        EnsureWaiting("started");
        if (Status == ActionItemStatus.InProgress) return;
        Status = ActionItemStatus.InProgress;
        Touch();
    }

    /// <summary>
    /// Staff changed what they ask before the client started: only a Pending item can change, so nothing the client
    /// answered is ever asked differently afterwards. The new stamp makes a client's first answer at the same moment fail.
    /// </summary>
    public void Revise(PortalUser actor, string title, string message, ReminderSettings reminders, DateTime now, string auditDetails)
    {
        EnsureWaiting("changed");
        if (Status != ActionItemStatus.Pending)
            throw new PortalRuleException("The client has started answering, so the request can no longer be changed; its reminders can, or it can be cancelled.");
        ThrowIfInvalid(message, reminders);
        if (reminders.Enabled && reminders.Count < RemindersSent)
            throw new PortalRuleException($"{RemindersSent} reminders were sent already: the number of reminders cannot be lower.");
        Title = title.Length > MaxTitleLength ? title[..MaxTitleLength] : title;
        Message = (message ?? "").Trim();
        RemindersEnabled = reminders.Enabled;
        ReminderIntervalDays = reminders.IntervalDays;
        ReminderCount = reminders.Count;
        NextReminderAt = NextAfterLastContact(now);
        Record(actor, AuditAction.Edited, auditDetails, now);
    }

    /// <summary>
    /// Who it is for changed (the account's contacts, or people outside it): a Pending item only. The to-do appears
    /// or goes with it.
    /// </summary>
    public void ChangeAudience(bool external)
    {
        EnsureWaiting("changed");
        if (ExternalAudience == external) return;
        ExternalAudience = external;
        TodoAt = external ? null : LastSentAt;
        Touch();
    }

    /// <summary>
    /// The firm sends a finished item back to the client with a message: it waits again (In progress, since the
    /// client's work is kept), the to-do returns to the top, and reminders start a fresh round with the same settings.
    /// </summary>
    public void Reopen(PortalUser actor, string message, DateTime now)
    {
        if (Status != ActionItemStatus.Done)
            throw new PortalRuleException(Status.IsWaiting() ? "This request still waits for the client: there is nothing to reopen." : "Only a submitted request can be reopened.");
        ThrowIfInvalid(message, Reminders);
        Status = ActionItemStatus.InProgress;
        CompletedAt = null;
        Message = (message ?? "").Trim();
        LastSentAt = now;
        TodoAt = ExternalAudience ? null : now;
        ReminderRound++;
        Schedule(Reminders, now);
        Record(actor, AuditAction.Reopened, string.IsNullOrWhiteSpace(message) ? "No message" : $"Message: \"{Message}\"", now);
    }

    /// <summary>
    /// The firm asks again with something new (a chat's latest message), whatever the item's state: it waits
    /// (Pending), the to-do goes to the top, and reminders start a fresh round with <paramref name="reminders"/>, so
    /// they always concern the latest request.
    /// </summary>
    public void AskAgain(PortalUser actor, string message, ReminderSettings reminders, DateTime now, string auditDetails)
    {
        // An addressed item (signers) would wait with nobody asked; a declined one was the client's final word.
        if (Addressed || Status == ActionItemStatus.Declined)
            throw new InvalidOperationException($"Action item {Id} ({Kind}, {Status}) cannot be asked again.");
        ThrowIfInvalid(message, reminders);
        // Who asked last is who hears of the answer.
        RequestedByUserId = actor.UserId;
        RequestedByName = actor.Name;
        Status = ActionItemStatus.Pending;
        CompletedAt = null;
        CancelledAt = null;
        CancelledByName = null;
        Message = (message ?? "").Trim();
        LastSentAt = now;
        TodoAt = ExternalAudience ? null : now;
        ReminderRound++;
        Schedule(reminders, now);
        Record(actor, AuditAction.Requested, auditDetails, now);
    }

    /// <summary>
    /// Withdrawn by the firm (or because what it concerns left the client's sight, which <paramref name="reason"/>
    /// says in a sentence): no to-do, no reminder.
    /// </summary>
    public void Cancel(PortalUser actor, DateTime now, string? reason = null)
    {
        EnsureWaiting("cancelled");
        Status = ActionItemStatus.Cancelled;
        CancelledAt = now;
        CancelledByName = actor.Name;
        TodoAt = null;
        NextReminderAt = null;
        Record(actor, AuditAction.Cancelled, reason ?? "", now);
    }

    /// <summary>
    /// Holds the reminders (the account was archived) until <see cref="ResumeReminders"/>, saying why in the trail;
    /// true when there was something to hold.
    /// </summary>
    public bool PauseReminders(PortalUser actor, DateTime now, string reason)
    {
        if (!Status.IsWaiting() || RemindersPaused) return false;
        RemindersPaused = true;
        NextReminderAt = null;
        Record(actor, AuditAction.RemindersChanged, "Reminders held: " + reason, now);
        return RemindersEnabled && RemindersSent < ReminderCount;
    }

    /// <summary>Lets the reminders go on, the next one a full interval from now, so a restore never sends a burst.</summary>
    public void ResumeReminders(PortalUser actor, DateTime now, string reason)
    {
        if (!RemindersPaused) return;
        RemindersPaused = false;
        NextReminderAt = RemindersEnabled && !JobArchived && Status.IsWaiting() && RemindersSent < ReminderCount ? now.AddDays(ReminderIntervalDays) : null;
        Record(actor, AuditAction.RemindersChanged, JobArchived ? $"Reminders resumed: {reason} They stay stopped while the job is archived." : "Reminders resumed: " + reason, now);
    }

    /// <summary>
    /// Links the item to an active job (or to none), saying so in its trail; only a waiting item changes jobs. Leaving
    /// an archived job lets its reminders go on, on a fresh schedule from now, as unarchiving that job would.
    /// </summary>
    public void LinkJob(PortalUser actor, int? jobId, string jobName, DateTime now)
    {
        EnsureWaiting(jobId is null ? "unlinked from its job" : "linked to a job");
        if (JobId == jobId) return;
        JobId = jobId;
        Record(actor, AuditAction.JobLinked, jobId is null ? $"Unlinked from the job \"{jobName}\"" : $"Linked to the job \"{jobName}\"", now);
        if (!JobArchived) return;
        JobArchived = false;
        ReminderRound++;
        Schedule(Reminders, now);
        Record(actor, AuditAction.RemindersChanged, $"Reminders started again: the request left an archived job; {Reminders.Describe()} from now.", now);
    }

    /// <summary>
    /// The item's job was archived: no more reminders, though the client can still act. True when reminders were
    /// left to send, so the job's confirmation can say how many stop.
    /// </summary>
    public bool StopRemindersForJob(PortalUser actor, DateTime now, string jobName)
    {
        if (!Status.IsWaiting() || JobArchived) return false;
        JobArchived = true;
        NextReminderAt = null;
        Record(actor, AuditAction.RemindersChanged, $"Reminders stopped: the job \"{jobName}\" was archived.", now);
        return RemindersEnabled && RemindersSent < ReminderCount;
    }

    /// <summary>
    /// The job is active again: a fresh schedule from now (the full number of reminders, the first one interval
    /// later), in a new round so none of its emails is taken for one sent before.
    /// </summary>
    public void RestartRemindersForJob(PortalUser actor, DateTime now, string jobName)
    {
        if (!JobArchived) return;
        JobArchived = false;
        if (!Status.IsWaiting()) return;
        ReminderRound++;
        Schedule(Reminders, now);
        Record(actor, AuditAction.RemindersChanged, $"Reminders started again: the job \"{jobName}\" was unarchived; {Reminders.Describe()} from now"
            + (RemindersPaused ? ", once the account is restored." : "."), now);
    }

    /// <summary>The title follows what it names (a renamed document); the history keeps the old name in its entries.</summary>
    public void Retitle(string title)
    {
        title = title.Length > MaxTitleLength ? title[..MaxTitleLength] : title;
        // No new stamp: a rename is no reason for a client's decision at the same moment to fail.
        Title = title;
    }

    /// <summary>A decision, a resend and a cancel all need the item to still wait for the client.</summary>
    public void EnsureWaiting(string attempted)
    {
        if (Status.IsWaiting()) return;
        throw new PortalRuleException(RefusalFor(Status, attempted));
    }

    /// <summary>The entity's own words; services refuse earlier in the kind's words (ActionItemService.EnsureWaiting).</summary>
    private static string RefusalFor(ActionItemStatus status, string attempted) => status switch
    {
        ActionItemStatus.Done => $"This request was already completed, so it cannot be {attempted}.",
        ActionItemStatus.Declined => $"This request was already answered, so it cannot be {attempted}.",
        _ => $"This request was cancelled by the firm, so it cannot be {attempted}.",
    };

    /// <summary>An entry in the item's audit trail (and its document's, if it has one).</summary>
    public void Record(PortalUser actor, AuditAction action, string details, DateTime now)
    {
        var entry = AuditEvent.Create(actor, ClientAccountId, action, details, now, Kind);
        entry.DocumentId = DocumentId;
        AuditEvents.Add(entry);
        Touch();
    }

    private void Close(PortalUser client, ActionItemStatus status, AuditAction action, DateTime now, string auditDetails)
    {
        EnsureWaiting(status == ActionItemStatus.Done ? "completed" : "answered");
        Status = status;
        CompletedAt = now;
        TodoAt = null;
        NextReminderAt = null;
        Record(client, action, auditDetails, now);
    }

    private void Schedule(ReminderSettings reminders, DateTime sentAt)
    {
        RemindersEnabled = reminders.Enabled;
        ReminderIntervalDays = reminders.IntervalDays;
        ReminderCount = reminders.Count;
        RemindersSent = 0;
        LastReminderAt = null;
        NextReminderAt = reminders.Enabled && !RemindersPaused && !JobArchived ? sentAt.AddDays(reminders.IntervalDays) : null;
    }

    private DateTime? NextAfterLastContact(DateTime now)
    {
        if (!RemindersEnabled || RemindersPaused || JobArchived || RemindersSent >= ReminderCount) return null;
        var lastContact = LastReminderAt is { } reminded && reminded > LastSentAt ? reminded : LastSentAt;
        var next = lastContact.AddDays(ReminderIntervalDays);
        return next < now ? now : next;
    }

    /// <summary>Field messages for a message and reminder settings: the dialogs show them, the methods above refuse them.</summary>
    public static IReadOnlyList<string> Validate(string? message, ReminderSettings reminders)
    {
        var errors = new List<string>();
        if ((message ?? "").Length > MaxMessageLength) errors.Add($"The message must be at most {MaxMessageLength} characters.");
        errors.AddRange(reminders.Validate());
        return errors;
    }

    /// <summary>Refuses what <see cref="Validate"/> finds, all of it in one message.</summary>
    public static void ThrowIfInvalid(string? message, ReminderSettings reminders)
    {
        var errors = Validate(message, reminders);
        if (errors.Count > 0) throw new PortalRuleException(string.Join(" ", errors));
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();
}
