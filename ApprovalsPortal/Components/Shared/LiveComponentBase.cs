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

    /// <summary>Whether this screen shows something the event changed.</summary>
    protected abstract bool IsRelevant(PortalEvent portalEvent);

    /// <summary>Loads the screen's data again; the base re-renders afterwards.</summary>
    protected abstract Task ReloadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) subscription = Events.Subscribe(OnEventAsync);
    }

    private Task OnEventAsync(PortalEvent portalEvent) =>
        !IsRelevant(portalEvent)
            ? Task.CompletedTask
            : InvokeAsync(async () =>
            {
                try
                {
                    await ReloadAsync();
                    StateHasChanged();
                }
                catch (ObjectDisposedException)
                {
                    // The circuit went away between the event and the reload.
                }
            });

    public virtual void Dispose()
    {
        subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
