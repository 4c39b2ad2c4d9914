using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Identity;

/// <summary>
/// A circuit lives for hours; this re-checks the user's security stamp so that turning off a contact's portal
/// access or resetting a password ends open sessions too. A revocation (<see cref="SessionRevocations"/>: a login
/// deactivated or its role changed) signs the circuit out at once: its pages then send the browser to the sign-in
/// page, which refuses the old cookie.
/// </summary>
internal sealed class RevalidatingIdentityStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly SessionRevocations revocations;

    public RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, SessionRevocations revocations) : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.revocations = revocations;
        revocations.Revoked += OnRevoked;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.DeactivatedAt is not null) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = state.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }

    private void OnRevoked(string userId) => _ = SignOutIfAsync(userId);

    private async Task SignOutIfAsync(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) != userId) return;
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
        catch (InvalidOperationException)
        {
            // The circuit has no authentication state yet (it is starting): its first request already carried the
            // cookie, which the revocation refuses from now on.
        }
    }

    protected override void Dispose(bool disposing)
    {
        revocations.Revoked -= OnRevoked;
        base.Dispose(disposing);
    }
}
