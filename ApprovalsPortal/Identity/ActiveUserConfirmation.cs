using Microsoft.AspNetCore.Identity;

namespace ApprovalsPortal.Identity;

/// <summary>What Identity asks before a sign-in (RequireConfirmedAccount): the login must not be deactivated.</summary>
internal sealed class ActiveUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(user.DeactivatedAt is null);
}
