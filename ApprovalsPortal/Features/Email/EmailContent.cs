namespace ApprovalsPortal.Features.Email;

/// <summary>A rendered email: HTML with its plain-text alternative.</summary>
public sealed record EmailContent(string Subject, string Html, string Text);

/// <summary>What every email template's model provides besides its HTML: a subject and a plain-text version.</summary>
public interface IEmailModel
{
    string FirmName { get; }
    string Subject { get; }
    string ToText();
}

public sealed record EmailRecipient(string Name, string Address);
