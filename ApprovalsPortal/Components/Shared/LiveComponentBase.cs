using ApprovalsPortal.Features.Notifications;
using Microsoft.AspNetCore.Components;

namespace ApprovalsPortal.Components.Shared;

/// <summary>
/// A screen that re-queries when a matching <see cref="PortalEvent"/> is published. It subscribes after its first
/// render, reloads on the circuit's dispatcher, and unsubscribes when it is disposed.
/// </summary>
public abstract class LiveComponentBase : PortalComponentBase, IDisposable
{
    [Inject]
    private PortalEvents Events { get; set; } = default!;

    private IDisposable? subscription;
    private int reloadPending;

    /// <summary>Whether this screen shows something the event changed.</summary>
    protected abstract bool IsRelevant(PortalEvent portalEvent);

    /// <summary>Loads the screen's data again; the base re-renders afterwards.</summary>
    protected abstract Task ReloadAsync();

    /// <summary>Called on the dispatcher for every relevant event, even when its reload is folded into another.</summary>
    protected virtual void OnEventAccepted(PortalEvent portalEvent)
    {
    }

    /// <summary>Events arriving within this time share one reload (a bulk action publishes many at once).</summary>
    protected virtual TimeSpan Coalesce => TimeSpan.FromMilliseconds(50);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) subscription = Events.Subscribe(OnEventAsync);
    }

    private async Task OnEventAsync(PortalEvent portalEvent)
    {
        if (!IsRelevant(portalEvent)) return;
        try
        {
            await InvokeAsync(() => OnEventAccepted(portalEvent));
            if (Interlocked.Exchange(ref reloadPending, 1) == 1) return;
            await Task.Delay(Coalesce);
            Interlocked.Exchange(ref reloadPending, 0);
            await InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the event and the reload.
        }
    }

    public virtual void Dispose()
    {
        subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
