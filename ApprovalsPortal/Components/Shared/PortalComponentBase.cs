using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ApprovalsPortal.Components.Shared;

/// <summary>
/// Gives a screen the signed-in user and one way to run an action: a refusal from the rules shows as a message,
/// and a second click while the first is still running does nothing.
/// </summary>
public abstract class PortalComponentBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected ILogger<PortalComponentBase> Logger { get; set; } = default!;

    protected PortalUser Actor { get; private set; } = default!;

    protected bool Busy { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Actor = PortalUser.From((await AuthenticationState).User)
                ?? throw new InvalidOperationException("Screens using PortalComponentBase require a signed-in user.");
        await OnUserReadyAsync();
    }

    protected virtual Task OnUserReadyAsync() => Task.CompletedTask;

    /// <summary>The rules' last refusal, for forms that show it in place (see <see cref="RunInFormAsync"/>).</summary>
    protected string? Refusal { get; private set; }

    /// <summary>
    /// Like <see cref="RunAsync"/>, but a refusal stays in the form as <see cref="Refusal"/> instead of a passing
    /// message, so nothing the user typed is lost and the reason stays readable.
    /// </summary>
    protected Task<bool> RunInFormAsync(Func<Task> action) => RunAsync(action, keepRefusal: true);

    /// <summary>Runs one user action; returns false when it was refused, failed, or another action was still running.</summary>
    protected async Task<bool> RunAsync(Func<Task> action, string? successMessage = null, bool keepRefusal = false)
    {
        if (Busy) return false;
        Busy = true;
        Refusal = null;
        try
        {
            return await UserActions.RunAsync(Snackbar, Logger, Actor.UserId, action, successMessage, keepRefusal ? message => Refusal = message : null);
        }
        finally
        {
            Busy = false;
            StateHasChanged();
        }
    }
}
