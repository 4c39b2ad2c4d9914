using System.ComponentModel.DataAnnotations;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Administration;

/// <summary>What an admin types to invite a member of the firm.</summary>
public sealed record StaffInvite(string Name, string Email, string Role);

/// <summary>
/// The firm's logins, for admins: invite, change role, deactivate, reactivate, send a password reset link. Every
/// change is in the administration audit. The firm always keeps one active admin: changes that would leave none are
/// refused, and they run one at a time so that two admins demoting each other at once cannot both succeed.
/// </summary>
public sealed class StaffUserService(
    IDbContextFactory<AppDbContext> dbFactory,
    UserAdministration users,
    AdminAuditService audit,
    EmailComposer composer,
    Outbox outbox,
    OutboxSignal outboxSignal,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<StaffUserService> logger)
{
    public const int MaxNameLength = 200;
    private static readonly EmailAddressAttribute EmailCheck = new();
    private static readonly SemaphoreSlim OneChangeAtATime = new(1, 1);

    public async Task<IReadOnlyList<StaffLogin>> ListAsync(PortalUser actor)
    {
        actor.RequireAdmin();
        return await users.ListStaffAsync();
    }

    /// <summary>The form's messages, in the words the page shows under the fields; empty when it can be sent.</summary>
    public static IReadOnlyList<string> Validate(StaffInvite input)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("Enter the person's name.");
        else if (input.Name.Trim().Length > MaxNameLength) errors.Add($"Keep the name to {MaxNameLength} characters.");
        if (string.IsNullOrWhiteSpace(input.Email)) errors.Add("Enter the person's email address.");
        else if (!EmailCheck.IsValid(input.Email.Trim()) || input.Email.Trim().Length > 256) errors.Add("Enter a valid email address, such as name@firm.com.");
        if (input.Role is not (Roles.Admin or Roles.Staff)) errors.Add("Choose Admin or Staff.");
        return errors;
    }

    /// <summary>Creates the login without a password and emails a set-password link; returns the link for the admin to copy.</summary>
    public async Task<string> InviteAsync(PortalUser actor, StaffInvite input, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        if (Validate(input) is [var first, ..]) throw new PortalRuleException(first);
        var name = input.Name.Trim();
        var email = input.Email.Trim();
        await OneChangeAtATime.WaitAsync(ct);
        try
        {
            var created = await users.CreateUserAsync(name, email, null, input.Role);
            if (!created.Succeeded)
            {
                if (created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
                    throw new PortalRuleException($"{email} already has a login (staff or a client contact's).");
                throw new PortalRuleException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            var login = (await users.ListStaffAsync()).Single(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
            var link = await users.CreateInvitationLinkAsync(login.UserId);
            var portal = options.Value;
            var content = await composer.ComposeAsync<StaffInvitationEmail, StaffInvitationEmailModel>(
                new StaffInvitationEmailModel(portal.FirmName, name, actor.Name, portal.PublicUri(link).ToString()));
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            outbox.Add(db, new EmailRecipient(name, email), content);
            audit.Add(db, actor, AdminArea.StaffUsers, $"Invited {name} ({email}) as {RoleName(input.Role)}");
            await audit.SaveAsync(db, ct);
            outboxSignal.Notify();
            logger.LogInformation("Staff login {UserId} invited by {ActorId}", login.UserId, actor.UserId);
            return link;
        }
        finally
        {
            OneChangeAtATime.Release();
        }
    }

    /// <summary>Makes a login an admin or staff member. Their sessions end: they sign in again with the new role.</summary>
    public async Task ChangeRoleAsync(PortalUser actor, string userId, string role, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        if (role is not (Roles.Admin or Roles.Staff)) throw new PortalRuleException("Choose Admin or Staff.");
        await ChangeAsync(actor, userId, async (login, all) =>
        {
            if (login.Role == role) return null;
            if (login.IsAdmin && login.Active && IsLastActiveAdmin(login, all))
                throw new PortalRuleException($"{login.DisplayName} is the firm's only active admin. Make someone else an admin first.");
            await users.SetStaffRoleAsync(login.UserId, role);
            // An invited login has no sessions, and a new security stamp would void the link in its invitation.
            if (!login.Invited) await users.InvalidateSessionsAsync(login.UserId);
            return $"Changed {login.DisplayName} ({login.Email}) from {RoleName(login.Role)} to {RoleName(role)}";
        }, ct);
    }

    /// <summary>The login can no longer sign in, and its open sessions end now.</summary>
    public async Task DeactivateAsync(PortalUser actor, string userId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        if (userId == actor.UserId) throw new PortalRuleException("You cannot deactivate your own login. Ask another admin.");
        await ChangeAsync(actor, userId, async (login, all) =>
        {
            if (!login.Active) return null;
            if (login.IsAdmin && IsLastActiveAdmin(login, all))
                throw new PortalRuleException($"{login.DisplayName} is the firm's only active admin and cannot be deactivated.");
            await users.SetDeactivatedAsync(login.UserId, clock.GetUtcNow().UtcDateTime);
            await users.InvalidateSessionsAsync(login.UserId);
            return $"Deactivated {login.DisplayName} ({login.Email})";
        }, ct);
    }

    public async Task ReactivateAsync(PortalUser actor, string userId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await ChangeAsync(actor, userId, async (login, _) =>
        {
            if (login.Active) return null;
            await users.SetDeactivatedAsync(login.UserId, null);
            return $"Reactivated {login.DisplayName} ({login.Email})";
        }, ct);
    }

    /// <summary>Emails a link to choose a new password (the current one works until it is used); returns the link.</summary>
    public async Task<string> SendPasswordResetAsync(PortalUser actor, string userId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        var login = await users.FindStaffAsync(userId) ?? throw new NotFoundOrForbiddenException("The staff login");
        if (!login.Active) throw new PortalRuleException($"{login.DisplayName}'s login is deactivated. Reactivate it first.");
        var link = await users.CreateInvitationLinkAsync(login.UserId);
        var portal = options.Value;
        var content = login.Invited
            ? await composer.ComposeAsync<StaffInvitationEmail, StaffInvitationEmailModel>(
                new StaffInvitationEmailModel(portal.FirmName, login.DisplayName, actor.Name, portal.PublicUri(link).ToString()))
            : await composer.ComposeAsync<PasswordResetEmail, PasswordResetEmailModel>(
                new PasswordResetEmailModel(portal.FirmName, login.DisplayName, portal.PublicUri(link).ToString()));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        outbox.Add(db, new EmailRecipient(login.DisplayName, login.Email), content);
        audit.Add(db, actor, AdminArea.StaffUsers, login.Invited
            ? $"Sent {login.DisplayName} ({login.Email}) a new invitation"
            : $"Sent {login.DisplayName} ({login.Email}) a password reset link");
        await audit.SaveAsync(db, ct);
        outboxSignal.Notify();
        return link;
    }

    public static string RoleName(string role) => role == Roles.Admin ? "Admin" : "Staff";

    /// <summary>Whether no other admin could sign in now: an invited admin who has not chosen a password yet does not count.</summary>
    private static bool IsLastActiveAdmin(StaffLogin login, IReadOnlyList<StaffLogin> all) =>
        !all.Any(u => u.UserId != login.UserId && u.IsAdmin && u.Active && !u.Invited);

    /// <summary>One change at a time, checked against the logins as they are now; a null description means nothing changed.</summary>
    private async Task ChangeAsync(PortalUser actor, string userId, Func<StaffLogin, IReadOnlyList<StaffLogin>, Task<string?>> change,
        CancellationToken ct)
    {
        await OneChangeAtATime.WaitAsync(ct);
        try
        {
            var all = await users.ListStaffAsync();
            var login = all.SingleOrDefault(u => u.UserId == userId) ?? throw new NotFoundOrForbiddenException("The staff login");
            if (await change(login, all) is not { } details) return;
            await audit.RecordAsync(actor, AdminArea.StaffUsers, details, ct);
            logger.LogInformation("Staff login {UserId} changed by {ActorId}: {Details}", userId, actor.UserId, details);
        }
        finally
        {
            OneChangeAtATime.Release();
        }
    }
}
