using ApprovalsPortal.Features.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ApprovalsPortal.Components.Shared;

/// <summary>
/// A screen that re-queries when a matching <see cref="PortalEvent"/> is published. It subscribes after its first
/// render, reloads on the circuit's dispatcher, and unsubscribes when it is disposed.
/// A screen that puts its list in <see cref="LiveRegion"/> gets updates that never get in the reader's way
/// (approvalsPortal.live.watch in app.js): while a menu or dropdown is open, text in the list is selected or a field
/// in it has the focus, the browser says so (<see cref="SetHeld"/>) and updates wait; after each update the browser
/// puts the row under the pointer back under it and the focus back on the same row (rows are re-used by position,
/// so without this they would show another document under the pointer or the focus). No update waits for a round
/// trip to the browser: the browser tells the server when the reader starts and stops.
/// </summary>
public abstract class LiveComponentBase : PortalComponentBase, IDisposable
{
    [Inject]
    private PortalEvents Events { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    /// <summary>The element holding the screen's live list, set with @ref; left unset, updates apply at once.</summary>
    protected ElementReference LiveRegion { get; set; }

    private IDisposable? subscription;
    private int reloadPending;
    private DotNetObjectReference<LiveComponentBase>? selfReference;
    private string? watchedRegion;
    /// <summary>The reader is using the list (set by the browser); an update waits until they stop.</summary>
    private bool held;
    private bool deferred;

    /// <summary>Whether this screen shows something the event changed.</summary>
    protected abstract bool IsRelevant(PortalEvent portalEvent);

    /// <summary>Loads the screen's data again; the base re-renders afterwards.</summary>
    protected abstract Task ReloadAsync();

    /// <summary>Called on the dispatcher for every relevant event, even when its reload is folded into another.</summary>
    protected virtual void OnEventAccepted(PortalEvent portalEvent)
    {
    }

    /// <summary>
    /// Events arriving within this time share one reload: a bulk action publishes its events in one loop after its
    /// commit, microseconds apart. Kept short, as it is part of every live update's latency (50 ms measured as a
    /// quarter of the click-to-row time).
    /// </summary>
    protected virtual TimeSpan Coalesce => TimeSpan.FromMilliseconds(10);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) subscription = Events.Subscribe(OnEventAsync);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The list may appear after the first render (once its data is loaded), or be replaced.
        if (string.IsNullOrEmpty(LiveRegion.Id) || LiveRegion.Id == watchedRegion) return;
        watchedRegion = LiveRegion.Id;
        selfReference ??= DotNetObjectReference.Create(this);
        try
        {
            await Js.InvokeVoidAsync("approvalsPortal.live.watch", LiveRegion, selfReference);
        }
        catch (JSException)
        {
            // Without the browser's help updates simply apply at once.
        }
        catch (JSDisconnectedException)
        {
        }
    }

    /// <summary>The browser: the reader started (true) or stopped (false) using the list.</summary>
    [JSInvokable]
    public Task SetHeld(bool value) => InvokeAsync(async () =>
    {
        held = value;
        if (held || !deferred) return;
        deferred = false;
        await ShowWaiting(false);
        await ReloadNowOrLaterAsync();
    });

    private async Task OnEventAsync(PortalEvent portalEvent)
    {
        if (!IsRelevant(portalEvent)) return;
        try
        {
            await InvokeAsync(() => OnEventAccepted(portalEvent));
            if (Interlocked.Exchange(ref reloadPending, 1) == 1) return;
            await Task.Delay(Coalesce);
            await InvokeAsync(ReloadNowOrLaterAsync);
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the event and the reload.
        }
    }

    /// <summary>On the dispatcher: reloads, or, while the reader uses the list, waits for <see cref="SetHeld"/>.</summary>
    private async Task ReloadNowOrLaterAsync()
    {
        if (held)
        {
            // Later events fold into this reload: reloadPending stays set. (Marked deferred before the call to the
            // browser: the reader may stop meanwhile, and SetHeld must then find the update waiting.)
            var first = !deferred;
            deferred = true;
            if (first) await ShowWaiting(true);
            return;
        }
        Interlocked.Exchange(ref reloadPending, 0);
        await ReloadAsync();
        StateHasChanged();
    }

    private async Task ShowWaiting(bool waiting)
    {
        try
        {
            await Js.InvokeVoidAsync("approvalsPortal.live.waiting", LiveRegion, waiting);
        }
        catch (JSException)
        {
        }
        catch (JSDisconnectedException)
        {
        }
    }

    public virtual void Dispose()
    {
        subscription?.Dispose();
        selfReference?.Dispose();
        GC.SuppressFinalize(this);
    }
}
