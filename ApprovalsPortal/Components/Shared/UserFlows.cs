using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace ApprovalsPortal.Components.Shared;

/// <summary>
/// A feature's staff actions as one circuit goes through them (dialog, service call, message): the acting user
/// from the circuit, and a second click while a flow is still open doing nothing.
/// </summary>
public abstract class UserFlows(AuthenticationStateProvider authentication)
{
    private bool busy;

    protected async Task<PortalUser> ActorAsync() =>
        PortalUser.From((await authentication.GetAuthenticationStateAsync()).User) ?? throw new InvalidOperationException("Staff actions need a signed-in user.");

    protected async Task<bool> OnceAsync(Func<Task<bool>> flow)
    {
        if (busy) return false;
        busy = true;
        try
        {
            return await flow();
        }
        finally
        {
            busy = false;
        }
    }
}
