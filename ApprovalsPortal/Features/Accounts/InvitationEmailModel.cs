using ApprovalsPortal.Features.Email;

namespace ApprovalsPortal.Features.Accounts;

public sealed record InvitationEmailModel(string FirmName, string RecipientName, string AccountName, string Link) : IEmailModel
{
    public string Subject => $"Your access to {FirmName}'s client portal";

    public string ToText() =>
        $"Hello {RecipientName},\n\n{FirmName} has given you access to its client portal for {AccountName}.\n\n" +
        $"Choose your password (the link works once and expires in 7 days):\n{Link}\n\n— {FirmName}\n";
}
