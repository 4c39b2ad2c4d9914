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

    /// <summary>Runs one user action; returns false when it was refused, failed, or another action was still running.</summary>
    protected async Task<bool> RunAsync(Func<Task> action, string? successMessage = null)
    {
        if (Busy) return false;
        Busy = true;
        try
        {
            await action();
            if (successMessage is not null) Snackbar.Add(successMessage, Severity.Success);
            return true;
        }
        catch (PortalRuleException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Action failed for {UserId}", Actor.UserId);
            Snackbar.Add("Something went wrong and nothing was changed. Please try again.", Severity.Error);
            return false;
        }
        finally
        {
            Busy = false;
            StateHasChanged();
        }
    }
}
