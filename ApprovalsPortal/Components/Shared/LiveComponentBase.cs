using ApprovalsPortal.Features.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ApprovalsPortal.Components.Shared;

/// <summary>
/// A screen that re-queries when a matching <see cref="PortalEvent"/> is published. It subscribes after its first
/// render, reloads on the circuit's dispatcher, and unsubscribes when it is disposed.
/// A screen that puts its list in <see cref="LiveRegion"/> gets updates that never get in the reader's way (see
/// approvalsPortal.live in app.js): an update waits while a menu or dropdown is open, text in the list is selected
/// or a field in it has the focus; afterwards the row under the pointer is scrolled back under it and the focus
/// goes back to the same control of the same row (rows are re-used by position, so without this they would show
/// another document under the pointer or the focus).
/// </summary>
public abstract class LiveComponentBase : PortalComponentBase, IDisposable
{
    [Inject]
    private PortalEvents Events { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    /// <summary>The element holding the screen's live list, set with @ref; left unset, updates apply at once.</summary>
    protected ElementReference LiveRegion { get; set; }

    /// <summary>How often a held update checks whether the reader is done.</summary>
    protected virtual TimeSpan HoldRetry => TimeSpan.FromMilliseconds(400);

    private bool restorePending;

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
            while (await HeldAsync()) await Task.Delay(HoldRetry);
            Interlocked.Exchange(ref reloadPending, 0);
            await InvokeAsync(async () =>
            {
                await ReloadAsync();
                restorePending = HasLiveRegion;
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the event and the reload.
        }
    }

    private bool HasLiveRegion => !string.IsNullOrEmpty(LiveRegion.Id);

    private async Task<bool> HeldAsync()
    {
        var held = false;
        await InvokeAsync(async () => held = await PrepareAsync());
        return held;
    }

    /// <summary>True while the reader is using the list (the update waits); otherwise notes where the pointer and focus are.</summary>
    private async Task<bool> PrepareAsync()
    {
        if (!HasLiveRegion) return false;
        try
        {
            return await Js.InvokeAsync<bool>("approvalsPortal.live.prepare", LiveRegion);
        }
        catch (JSException)
        {
            return false;
        }
        catch (JSDisconnectedException)
        {
            return false;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!restorePending) return;
        restorePending = false;
        try
        {
            await Js.InvokeVoidAsync("approvalsPortal.live.restore", LiveRegion);
        }
        catch (JSException)
        {
            // The list was re-rendered; keeping the pointer's row in place is a nicety.
        }
        catch (JSDisconnectedException)
        {
        }
    }

    public virtual void Dispose()
    {
        subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
