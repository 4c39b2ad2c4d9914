using System.Text;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace ApprovalsPortal.Identity;

/// <summary>
/// Creates logins and invitation links. Each call uses its own scope so the UserManager's DbContext lives for one
/// operation, not for a whole Blazor circuit.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, FirstRunState firstRun, SessionRevocations revocations,
    PortalEvents events, ILogger<UserAdministration> logger)
{
    public const string SetPasswordPath = "/account/set-password";

    public async Task<IdentityResult> CreateUserAsync(string displayName, string email, string? password, string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName.Trim(), EmailConfirmed = password is not null };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded) return result;
        result = await users.AddToRoleAsync(user, role);
        logger.LogInformation("Created {Role} login for {UserId}", role, user.Id);
        return result;
    }

    /// <summary>The one-time first-run step; refused once any admin exists.</summary>
    public Task<IdentityResult> CreateFirstAdminAsync(string displayName, string email, string password) =>
        firstRun.OneAtATimeAsync(async () => await firstRun.HasAdminAsync()
            ? IdentityResult.Failed(new IdentityError { Description = "The firm's admin account already exists. Sign in instead." })
            : await CreateUserAsync(displayName, email, password, Roles.Admin));

    /// <summary>Finds or creates the client login for a contact's email. A staff email cannot become a client login.</summary>
    public async Task<string> EnsureClientLoginAsync(string displayName, string email)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            if (!await users.IsInRoleAsync(existing, Roles.Client))
                throw new PortalRuleException($"{email} belongs to a staff login and cannot be given client portal access.");
            return existing.Id;
        }

        var result = await CreateUserAsync(displayName, email, null, Roles.Client);
        if (!result.Succeeded) throw new PortalRuleException(string.Join(" ", result.Errors.Select(e => e.Description)));
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>A relative link with a password-reset token; it works once and expires with the token.</summary>
    public async Task<string> CreateInvitationLinkAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundOrForbiddenException("The login");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var encoded = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return $"{SetPasswordPath}?user={Uri.EscapeDataString(user.Id)}&token={encoded}";
    }

    public async Task<IdentityResult> SetPasswordFromInvitationAsync(string userId, string encodedToken, string password)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encodedToken));
        }
        catch (FormatException)
        {
            token = "";
        }
        if (user is null || token.Length == 0)
            return IdentityResult.Failed(new IdentityError { Description = "This invitation link is not valid. Ask the firm for a new one." });

        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                return IdentityResult.Failed(new IdentityError { Description = "This invitation link has expired or was already used. Ask the firm for a new one." });
            return result;
        }
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        // An invited staff member is now active: the staff page shows it. A client's invitation changes no open list.
        if (!await users.IsInRoleAsync(user, Roles.Client))
            events.Publish(new PortalEvent(PortalEventKind.StaffUsersChanged, 0, 0, user.Id));
        return result;
    }

    /// <summary>For the demo seeder only: gives a login a known password without an invitation.</summary>
    public async Task SetPasswordAsync(string userId, string password)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundOrForbiddenException("The login");
        await users.RemovePasswordAsync(user);
        var result = await users.AddPasswordAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
    }

    /// <summary>
    /// Ends the login's open sessions now: open circuits sign out and the cookie is refused (security stamp, and the
    /// in-memory revocation for this run). Used when portal access is turned off, a login deactivated or its role changed.
    /// </summary>
    public async Task InvalidateSessionsAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is not null) await users.UpdateSecurityStampAsync(user);
        revocations.Revoke(userId);
    }

    /// <summary>The firm's logins (admins and staff), with what the staff users page shows.</summary>
    public async Task<IReadOnlyList<StaffLogin>> ListStaffAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        var staff = await users.GetUsersInRoleAsync(Roles.Staff);
        return admins.Select(u => StaffLogin.Of(u, Roles.Admin))
            .Concat(staff.Where(u => admins.All(a => a.Id != u.Id)).Select(u => StaffLogin.Of(u, Roles.Staff)))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public async Task<StaffLogin?> FindStaffAsync(string userId) =>
        (await ListStaffAsync()).SingleOrDefault(u => u.UserId == userId);

    /// <summary>Makes the login an admin or a staff member (never a client: those logins belong to contacts).</summary>
    public async Task SetStaffRoleAsync(string userId, string role)
    {
        if (role is not (Roles.Admin or Roles.Staff)) throw new ArgumentOutOfRangeException(nameof(role));
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundOrForbiddenException("The login");
        var other = role == Roles.Admin ? Roles.Staff : Roles.Admin;
        if (await users.IsInRoleAsync(user, other)) Check(await users.RemoveFromRoleAsync(user, other));
        if (!await users.IsInRoleAsync(user, role)) Check(await users.AddToRoleAsync(user, role));
    }

    /// <summary>Deactivates (at a time) or reactivates (null) a login; a deactivated login cannot sign in.</summary>
    public async Task SetDeactivatedAsync(string userId, DateTime? at)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundOrForbiddenException("The login");
        user.DeactivatedAt = at;
        Check(await users.UpdateAsync(user));
        if (at is null) revocations.Clear(userId);
    }

    /// <summary>The signed-in user changes their own password; their other sessions end at their next check.</summary>
    public async Task<IdentityResult> ChangeOwnPasswordAsync(string userId, string current, string password)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return IdentityResult.Failed(new IdentityError { Description = "Your login was not found. Sign in again." });
        var result = await users.ChangePasswordAsync(user, current, password);
        if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            return IdentityResult.Failed(new IdentityError { Description = "Your current password is not right." });
        if (result.Succeeded) logger.LogInformation("Password changed by {UserId}", userId);
        return result;
    }

    /// <summary>
    /// The login as stored now, read in a scope of its own: never a copy that the current request loaded earlier
    /// (after a password change, only the stored login carries the new security stamp).
    /// </summary>
    public async Task<AppUser?> FindAsStoredAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new PortalRuleException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>A firm login as the staff users page lists it.</summary>
/// <param name="Invited">No password yet: the invitation has not been used.</param>
public sealed record StaffLogin(string UserId, string DisplayName, string Email, string Role, bool Invited, DateTime? DeactivatedAt)
{
    public bool IsAdmin => Role == Roles.Admin;
    public bool Active => DeactivatedAt is null;

    internal static StaffLogin Of(AppUser user, string role) =>
        new(user.Id, user.DisplayName, user.Email ?? "", role, user.PasswordHash is null, user.DeactivatedAt);
}
