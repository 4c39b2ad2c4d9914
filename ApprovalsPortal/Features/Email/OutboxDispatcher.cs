using System.Net.Sockets;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Hosting;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ApprovalsPortal.Features.Email;

/// <summary>
/// Delivers pending outbox messages in batches over one connection. Transient failures (no connection, a lost
/// connection, 4xx replies) are retried with growing delays; permanent ones (5xx) stop and show on Outgoing mail.
/// Each message is marked sent right after the server accepts it, so a retry never repeats a delivered one.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<AppDbContext> dbFactory,
    MailTransportFactory transports,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    PortalEvents events,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>1, 2, 4, 8 minutes, then every 10: a server that is down for an hour gets all its mail within minutes of coming back.</summary>
    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromMinutes(Math.Min(10, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>Sends what is due; returns how many messages were delivered.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct = default)
    {
        var delivered = 0;
        while (!ct.IsCancellationRequested)
        {
            var (sent, more, tried) = await DispatchBatchAsync(ct);
            delivered += sent;
            // Every batch tried changed something (sent, failed, or a later attempt): open Outgoing mail pages follow.
            if (tried) events.Publish(new PortalEvent(PortalEventKind.MailChanged, 0, 0));
            if (!more) break;
        }
        return delivered;
    }

    private async Task<(int Sent, bool More, bool Tried)> DispatchBatchAsync(CancellationToken ct)
    {
        var portal = options.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(portal.Smtp.BatchSize).ToListAsync(ct);
        if (batch.Count == 0) return (0, false, false);

        IMailTransport transport;
        try
        {
            transport = await transports.OpenAsync(ct);
        }
        catch (Exception ex) when (IsTransient(ex) || ex is AuthenticationException or SmtpCommandException)
        {
            // Refused at the door (greeting, EHLO, sign-in) or not reachable: nothing is wrong with the messages.
            var reason = ex is SmtpCommandException command ? $"{(int)command.StatusCode} {command.Message}" : ex.Message;
            logger.LogWarning("Mail server unavailable, {Count} messages wait: {Reason}", batch.Count, reason);
            foreach (var message in batch) Postpone(message, "Could not reach the mail server: " + reason, now);
            await db.SaveChangesAsync(CancellationToken.None);
            return (0, false, true);
        }

        var sent = 0;
        await using (transport)
        {
            foreach (var message in batch)
            {
                // A stopping portal leaves the rest Pending: only a hand-over really begun may end up "interrupted".
                ct.ThrowIfCancellationRequested();
                // Marked before the hand-over: a crash during it leaves the message Sending, never Pending (see RecoverInterruptedAsync).
                message.Status = OutboxStatus.Sending;
                await db.SaveChangesAsync(CancellationToken.None);
                try
                {
                    await transport.SendAsync(ToMime(message, portal), ct);
                    message.Attempts++;
                    message.Status = OutboxStatus.Sent;
                    message.SentAt = clock.GetUtcNow().UtcDateTime;
                    message.LastError = null;
                    sent++;
                }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
                {
                    Fail(message, $"{(int)ex.StatusCode} {ex.Message}");
                }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
                {
                    // The server refuses the sender or the session (a settings problem), not this message: every
                    // message waits until an admin fixes the settings, instead of all failing at once.
                    Postpone(message, $"{(int)ex.StatusCode} {ex.Message}", clock.GetUtcNow().UtcDateTime);
                    await db.SaveChangesAsync(CancellationToken.None);
                    logger.LogError("The mail server refused the sender or session: {Reply}", message.LastError);
                    return (sent, false, true);
                }
                catch (SmtpCommandException ex)
                {
                    Postpone(message, $"{(int)ex.StatusCode} {ex.Message}", clock.GetUtcNow().UtcDateTime);
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    // The connection is gone: this message waits, and so do the rest of the batch (untouched).
                    Postpone(message, "The connection to the mail server was lost: " + ex.Message, clock.GetUtcNow().UtcDateTime);
                    await db.SaveChangesAsync(CancellationToken.None);
                    return (sent, false, true);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A message that cannot even be built (say, an address MimeKit rejects) fails alone and must
                    // never block the queue behind it.
                    Fail(message, "The message could not be sent: " + ex.Message);
                }
                // Saved one by one: a crash after this line never sends this message again.
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        if (sent > 0) logger.LogInformation("Delivered {Count} emails", sent);
        return (sent, batch.Count == portal.Smtp.BatchSize && sent > 0, true);
    }

    public const string InterruptedReason =
        "The portal stopped while handing this email to the mail server, so it may have been sent. Retry it if the recipient did not get it.";

    /// <summary>
    /// At start: messages left Sending by a portal that stopped mid-hand-over are failed with a reason, never sent
    /// again on their own (an email twice is worse than one an admin retries after checking).
    /// </summary>
    public async Task<int> RecoverInterruptedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var interrupted = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending).ToListAsync(ct);
        foreach (var message in interrupted) Fail(message, InterruptedReason, countAttempt: true);
        await db.SaveChangesAsync(ct);
        return interrupted.Count;
    }

    /// <summary>How long temporary failures are retried before the message counts as failed.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);

    private void Postpone(OutboxMessage message, string reason, DateTime now)
    {
        message.Status = OutboxStatus.Pending;
        message.Attempts++;
        message.LastError = reason;
        message.NextAttemptAt = now + RetryDelay(message.Attempts);
        if (now - message.CreatedAt > GiveUpAfter) Fail(message, $"Gave up after {GiveUpAfter.TotalDays:0} days of temporary failures. Last: {reason}", countAttempt: false);
    }

    private void Fail(OutboxMessage message, string reason, bool countAttempt = true)
    {
        if (countAttempt) message.Attempts++;
        message.Status = OutboxStatus.Failed;
        message.LastError = reason.Length > 2000 ? reason[..2000] : reason;
        logger.LogWarning("Message {MessageId} to {Recipient} failed: {Reply}", message.Id, message.ToAddress, message.LastError);
    }

    private static bool IsTransient(Exception ex) =>
        ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
            or SslHandshakeException;

    private static MimeMessage ToMime(OutboxMessage message, PortalOptions portal)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero),
            Body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(portal.Smtp.FromName) ? portal.FirmName : portal.Smtp.FromName, portal.Smtp.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        return mime;
    }
}
