using System.Collections.Immutable;

namespace ApprovalsPortal.Features.Notifications;

public enum PortalEventKind
{
    /// <summary>An action item was sent to the client.</summary>
    ItemRequested,
    ItemResent,
    ItemCancelled,
    /// <summary>The client acted on an item (approved, disapproved, submitted...): staff inboxes may have news.</summary>
    ItemCompleted,
    /// <summary>Anything else about an item: its reminders changed or one was sent, the client started it.</summary>
    ItemChanged,
    DocumentChanged,
    /// <summary>An account was renamed, archived or restored, or its contacts or folders changed.</summary>
    AccountChanged,
    /// <summary>A staff member's inbox changed (new item or read); UserId says whose.</summary>
    InboxChanged,
    /// <summary>A job was created, edited, moved (by hand or automatically), archived or restored; JobId says which.</summary>
    JobChanged,
    /// <summary>The firm's pipelines or their stages changed.</summary>
    PipelinesChanged,
    /// <summary>The outbox changed: messages were sent, failed or wait again (Outgoing mail follows it).</summary>
    MailChanged,
    /// <summary>A staff login was invited, changed, deactivated or reactivated, or accepted its invitation.</summary>
    StaffUsersChanged,
    /// <summary>The firm's list of disapproval reasons changed.</summary>
    DisapprovalReasonsChanged,
    /// <summary>The firm settings were saved (and are already in effect).</summary>
    FirmSettingsChanged,
}

/// <summary>
/// Something changed that open screens may show; published after the change is committed. DocumentId is 0 when no
/// document is concerned, ActionItemId 0 when no item is, JobId 0 when no job is (an item's events carry its job).
/// </summary>
public sealed record PortalEvent(PortalEventKind Kind, int ClientAccountId, int DocumentId, string? UserId = null, int ActionItemId = 0, int JobId = 0);

/// <summary>
/// The in-process event hub: services publish after their transaction commits; components subscribe and re-query.
/// A slow or failing subscriber never holds up the publisher or the other subscribers.
/// </summary>
public sealed class PortalEvents(ILogger<PortalEvents> logger)
{
    private ImmutableArray<Func<PortalEvent, Task>> subscribers = [];
    private long generation;

    /// <summary>How many events were published so far: a query started at generation N sees every change up to event N.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public IDisposable Subscribe(Func<PortalEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref subscribers, list => list.Add(handler));
        return new Subscription(this, handler);
    }

    public void Publish(PortalEvent portalEvent)
    {
        Interlocked.Increment(ref generation);
        foreach (var handler in subscribers)
        {
            _ = DeliverAsync(handler, portalEvent);
        }
    }

    public int SubscriberCount => subscribers.Length;

    private async Task DeliverAsync(Func<PortalEvent, Task> handler, PortalEvent portalEvent)
    {
        try
        {
            // Off the publisher's thread and synchronization context: each circuit handles its own update.
            await Task.Run(() => handler(portalEvent));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber failed to handle {EventKind} for document {DocumentId}", portalEvent.Kind, portalEvent.DocumentId);
        }
    }

    private sealed class Subscription(PortalEvents hub, Func<PortalEvent, Task> handler) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref hub.subscribers, list => list.Remove(handler));
    }
}
