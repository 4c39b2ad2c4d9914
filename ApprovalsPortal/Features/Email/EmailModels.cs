using System.Text;

namespace ApprovalsPortal.Features.Email;

public enum ApprovalEmailKind
{
    Request,
    Resend,
    Reminder,
}

public sealed record ApprovalRequestEmailModel(
    string FirmName,
    string RecipientName,
    ApprovalEmailKind Kind,
    string DocumentName,
    string Message,
    string StaffName,
    string ReviewUrl) : IEmailModel
{
    public string Subject => Kind switch
    {
        ApprovalEmailKind.Request => $"Please review and approve: {DocumentName}",
        ApprovalEmailKind.Resend => $"Still waiting for your approval: {DocumentName}",
        _ => $"Reminder: please review and approve {DocumentName}",
    };

    public string Lead => Kind switch
    {
        ApprovalEmailKind.Request => $"{FirmName} asks you to review and approve this document:",
        ApprovalEmailKind.Resend => $"{FirmName} is still waiting for your approval of this document:",
        _ => $"A reminder: {FirmName} is waiting for your approval of this document:",
    };

    public string ToText()
    {
        var text = new StringBuilder($"Hello {RecipientName},\n\n{Lead}\n\n{DocumentName}\n\n");
        if (!string.IsNullOrWhiteSpace(Message)) text.Append($"\"{Message}\"\n— {StaffName}\n\n");
        return text.Append($"Review documents: {ReviewUrl}\n\n— {FirmName}\n").ToString();
    }
}

public sealed record PendingDocumentLink(string Name, string Url);

public sealed record PendingDocumentsEmailModel(
    string FirmName,
    string RecipientName,
    IReadOnlyList<PendingDocumentLink> Documents,
    string Message,
    string StaffName,
    string PortalUrl) : IEmailModel
{
    public string Subject => Documents.Count == 1
        ? $"Please review and approve: {Documents[0].Name}"
        : $"Please review and approve {Documents.Count} documents";

    public string ToText()
    {
        var text = new StringBuilder($"Hello {RecipientName},\n\n{FirmName} is waiting for your approval of:\n\n");
        foreach (var doc in Documents) text.Append($"- {doc.Name}: {doc.Url}\n");
        if (!string.IsNullOrWhiteSpace(Message)) text.Append($"\n\"{Message}\"\n— {StaffName}\n");
        return text.Append($"\nReview documents: {PortalUrl}\n\n— {FirmName}\n").ToString();
    }
}

public sealed record InvitationEmailModel(string FirmName, string RecipientName, string AccountName, string Link) : IEmailModel
{
    public string Subject => $"Your access to {FirmName}'s client portal";

    public string ToText() =>
        $"Hello {RecipientName},\n\n{FirmName} has given you access to its client portal for {AccountName}.\n\n" +
        $"Choose your password (the link works once and expires in 7 days):\n{Link}\n\n— {FirmName}\n";
}

public sealed record DecisionEmailModel(
    string FirmName,
    string StaffName,
    string ClientName,
    string AccountName,
    string DocumentName,
    bool Approved,
    IReadOnlyList<string> Reasons,
    string Comment,
    string DocumentUrl) : IEmailModel
{
    public string Subject => $"{ClientName} {(Approved ? "approved" : "disapproved")} {DocumentName}";

    public string ToText()
    {
        var text = new StringBuilder($"Hello {StaffName},\n\n{ClientName} ({AccountName}) {(Approved ? "approved" : "disapproved")} {DocumentName}.\n\n");
        foreach (var reason in Reasons) text.Append($"- {reason}\n");
        if (!string.IsNullOrWhiteSpace(Comment)) text.Append($"\n\"{Comment}\"\n");
        return text.Append($"\nOpen the document: {DocumentUrl}\n").ToString();
    }
}
