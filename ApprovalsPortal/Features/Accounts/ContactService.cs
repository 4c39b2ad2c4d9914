using System.ComponentModel.DataAnnotations;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using Microsoft.Extensions.Options;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Accounts;

/// <summary>An account's contacts, their Notify flag and their portal logins.</summary>
public sealed class ContactService(
    IDbContextFactory<AppDbContext> dbFactory,
    UserAdministration users,
    EmailComposer composer,
    Outbox outbox,
    OutboxSignal outboxSignal,
    PortalEvents events,
    IOptions<PortalOptions> options,
    IEnumerable<IAccountChangeParticipant> participants,
    TimeProvider clock,
    ILogger<ContactService> logger)
{
    private static readonly EmailAddressAttribute EmailCheck = new();

    public async Task<IReadOnlyList<ContactRow>> ListAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Contacts.AsNoTracking().Where(c => c.ClientAccountId == accountId)
            .OrderBy(c => c.Name)
            .Select(c => new ContactRow(c.Id, c.Name, c.Email, c.Notify, c.PortalAccess, c.UserId != null))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Adds or edits a contact. Turning portal access on creates (or reuses) the client login for the email and
    /// returns an invitation link to set a password; turning it off ends the login's open sessions.
    /// </summary>
    public async Task<ContactSaved> SaveAsync(PortalUser actor, ContactInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        var name = AccountService.RequireName(input.Name, "The contact's name", 200);
        var email = input.Email?.Trim() ?? "";
        if (email.Length == 0) throw new PortalRuleException("The contact's email is required.");
        // Both checks: the form's rule, and MimeKit's, which must be able to address the invitation and every email.
        if (email.Length > 256 || !EmailCheck.IsValid(email) || !MimeKit.MailboxAddress.TryParse(email, out _))
            throw new PortalRuleException($"\"{email}\" is not a valid email address.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.ClientAccounts.AnyAsync(a => a.Id == input.AccountId, ct)) throw new NotFoundOrForbiddenException("The client account");
        if (await db.Contacts.AnyAsync(c => c.ClientAccountId == input.AccountId && c.Email == email && c.Id != input.Id, ct))
            throw new PortalRuleException($"This account already has a contact with the email {email}.");

        Contact contact;
        if (input.Id is null)
        {
            contact = new Contact { ClientAccountId = input.AccountId };
            db.Contacts.Add(contact);
        }
        else
        {
            contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == input.Id && c.ClientAccountId == input.AccountId, ct)
                      ?? throw new NotFoundOrForbiddenException("The contact");
        }

        var emailChanged = !string.Equals(contact.Email, email, StringComparison.OrdinalIgnoreCase);
        var wasPortal = contact.PortalAccess;
        var previousUserId = contact.UserId;
        contact.Name = name;
        contact.Email = email;
        contact.Notify = input.Notify;
        contact.PortalAccess = input.PortalAccess;

        string? invitation = null;
        if (input.PortalAccess && (contact.UserId is null || emailChanged))
        {
            contact.UserId = await users.EnsureClientLoginAsync(name, email);
        }
        else if (!input.PortalAccess && emailChanged)
        {
            contact.UserId = null;
        }

        var followUps = new List<PortalEvent>();
        if (wasPortal && !input.PortalAccess && input.CancelStranded && !await OthersCanSignInAsync(db, input.AccountId, contact.Id, ct))
            followUps.AddRange(await CancelStrandedAsync(db, actor, input.AccountId, ct));

        // The invitation email commits with the contact: no contact with portal access and no invitation sent.
        if (input.PortalAccess && (!wasPortal || contact.UserId != previousUserId))
        {
            invitation = await users.CreateInvitationLinkAsync(contact.UserId!);
            await QueueInvitationAsync(db, contact, invitation, ct);
        }
        await db.SaveChangesAsync(ct);
        if (invitation is not null) outboxSignal.Notify();
        if (previousUserId is not null && (wasPortal && !input.PortalAccess || contact.UserId != previousUserId))
            await users.InvalidateSessionsAsync(previousUserId);

        logger.LogInformation("Contact {ContactId} of account {AccountId} saved by {UserId} (portal access: {PortalAccess})",
            contact.Id, input.AccountId, actor.UserId, input.PortalAccess);
        // Who gets the account's emails may have changed: the accounts list and open dialogs show it.
        events.Publish(new PortalEvent(PortalEventKind.AccountChanged, input.AccountId, 0));
        foreach (var followUp in followUps) events.Publish(followUp);
        return new ContactSaved(contact.Id, invitation);
    }

    /// <summary>
    /// What would be left waiting with nobody to act if this contact lost portal access (or were removed): sentences
    /// for the warning, none when another contact of the account can still sign in or nothing waits.
    /// </summary>
    public async Task<IReadOnlyList<string>> DescribeAccessEndingAsync(PortalUser actor, int contactId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, ct) ?? throw new NotFoundOrForbiddenException("The contact");
        if (!contact.PortalAccess || await OthersCanSignInAsync(db, contact.ClientAccountId, contact.Id, ct)) return [];
        var lines = new List<string>();
        foreach (var participant in participants) lines.AddRange(await participant.DescribeStrandedAsync(db, contact.ClientAccountId, ct));
        return lines;
    }

    private static Task<bool> OthersCanSignInAsync(AppDbContext db, int accountId, int contactId, CancellationToken ct) =>
        db.Contacts.AnyAsync(c => c.ClientAccountId == accountId && c.Id != contactId && c.PortalAccess && c.UserId != null, ct);

    private async Task<List<PortalEvent>> CancelStrandedAsync(AppDbContext db, PortalUser actor, int accountId, CancellationToken ct)
    {
        var change = new AccountChange(db, accountId, actor, clock.GetUtcNow().UtcDateTime);
        var cancelled = new List<PortalEvent>();
        foreach (var participant in participants) cancelled.AddRange(await participant.CancelStrandedAsync(change, ct));
        return cancelled;
    }

    /// <summary>Emails the set-password link; staff also see it to copy, in case the email does not arrive.</summary>
    private async Task QueueInvitationAsync(AppDbContext db, Contact contact, string relativeLink, CancellationToken ct)
    {
        var portal = options.Value;
        var accountName = await db.ClientAccounts.Where(a => a.Id == contact.ClientAccountId).Select(a => a.Name).SingleAsync(ct);
        // Staff can copy the link too, in case the email does not arrive.
        var model = new InvitationEmailModel(portal.FirmName, contact.Name, accountName, portal.PublicUri(relativeLink).ToString());
        outbox.Add(db, new EmailRecipient(contact.Name, contact.Email), await composer.ComposeAsync<InvitationEmail, InvitationEmailModel>(model));
    }

    /// <summary>A fresh set-password link for a contact who has portal access (the old one may have expired).</summary>
    public async Task<string> CreateInvitationLinkAsync(PortalUser actor, int contactId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, ct)
                      ?? throw new NotFoundOrForbiddenException("The contact");
        if (!contact.PortalAccess || contact.UserId is null)
            throw new PortalRuleException("Turn on portal access for this contact first.");
        return await users.CreateInvitationLinkAsync(contact.UserId);
    }

    /// <summary>
    /// For "View as client": who the contact is to the portal, so staff can see exactly what they see. Only reads
    /// are done as this user; decisions check the signed-in user, who is staff, and are refused.
    /// </summary>
    public async Task<PortalUser> ViewAsAsync(PortalUser actor, int accountId, int contactId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId && c.ClientAccountId == accountId, ct)
                      ?? throw new NotFoundOrForbiddenException("The contact");
        if (!contact.PortalAccess || contact.UserId is null)
            throw new PortalRuleException($"{contact.Name} has no portal access, so there is no portal to view as them.");
        return new PortalUser(contact.UserId, contact.Name, IsAdmin: false, IsStaffMember: false, IsClient: true, ReadOnly: true);
    }

    /// <param name="cancelStranded">When this was the account's last contact who could sign in: cancel what waits for its contacts.</param>
    public async Task RemoveAsync(PortalUser actor, int contactId, bool cancelStranded = false, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId, ct) ?? throw new NotFoundOrForbiddenException("The contact");
        var followUps = cancelStranded && contact.PortalAccess && !await OthersCanSignInAsync(db, contact.ClientAccountId, contact.Id, ct)
            ? await CancelStrandedAsync(db, actor, contact.ClientAccountId, ct)
            : [];
        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(ct);
        if (contact.UserId is not null) await users.InvalidateSessionsAsync(contact.UserId);
        events.Publish(new PortalEvent(PortalEventKind.AccountChanged, contact.ClientAccountId, 0));
        foreach (var followUp in followUps) events.Publish(followUp);
    }
}
