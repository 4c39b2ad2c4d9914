using System.Text;
using ApprovalsPortal.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace ApprovalsPortal.Identity;

/// <summary>
/// Creates logins and invitation links. Each call uses its own scope so the UserManager's DbContext lives for one
/// operation, not for a whole Blazor circuit.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, FirstRunState firstRun, ILogger<UserAdministration> logger)
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

    /// <summary>Ends the login's open sessions at their next check (security stamp) — used when portal access is turned off.</summary>
    public async Task InvalidateSessionsAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is not null) await users.UpdateSecurityStampAsync(user);
    }
}
