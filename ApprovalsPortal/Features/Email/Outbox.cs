using ApprovalsPortal.Data;
using ApprovalsPortal.Hosting;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Email;

/// <summary>
/// Adds emails to the caller's DbContext, so they commit (or not) with the change that caused them. After the
/// commit, call <see cref="OutboxSignal.Notify"/> so delivery starts at once instead of at the next poll.
/// </summary>
public sealed class Outbox(IOptions<PortalOptions> options, TimeProvider clock)
{
    public OutboxMessage Add(AppDbContext db, EmailRecipient to, EmailContent content, string? deduplicationKey = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var host = new Uri(options.Value.PublicBaseUrl).Host;
        var message = new OutboxMessage
        {
            MessageId = $"{Guid.NewGuid():N}@{(string.IsNullOrEmpty(host) ? "approvals-portal" : host)}",
            DeduplicationKey = deduplicationKey,
            ToAddress = to.Address,
            ToName = to.Name,
            Subject = content.Subject,
            HtmlBody = content.Html,
            TextBody = content.Text,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
