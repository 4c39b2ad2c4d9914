using ApprovalsPortal.Features.Email;

namespace ApprovalsPortal.Features.Administration;

/// <summary>A new member of the firm is asked to set a password.</summary>
public sealed record StaffInvitationEmailModel(string FirmName, string RecipientName, string InvitedBy, string Link) : IEmailModel
{
    public string Subject => $"You are invited to {FirmName}'s portal";

    public string ToText() =>
        $"Hello {RecipientName},\n\n{InvitedBy} has given you a staff login to {FirmName}'s client portal.\n\n" +
        $"Choose your password (the link works once and expires in 7 days):\n{Link}\n\n— {FirmName}\n";
}

/// <summary>An admin sent a member of the firm a link to choose a new password.</summary>
public sealed record PasswordResetEmailModel(string FirmName, string RecipientName, string Link) : IEmailModel
{
    public string Subject => $"Choose a new password for {FirmName}'s portal";

    public string ToText() =>
        $"Hello {RecipientName},\n\nAn admin of {FirmName} sent you a link to choose a new password for the portal. " +
        $"Your current password keeps working until you use it.\n\n" +
        $"Choose your new password (the link works once and expires in 7 days):\n{Link}\n\n— {FirmName}\n";
}
