using ApprovalsPortal.Hosting;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ApprovalsPortal.Features.Email;

/// <summary>One open way out for a batch of messages: an SMTP connection, or the pickup folder.</summary>
public interface IMailTransport : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

public sealed class MailTransportFactory(IOptions<PortalOptions> options)
{
    /// <summary>Connects (and signs in) once; the dispatcher sends a whole batch over it.</summary>
    public async Task<IMailTransport> OpenAsync(CancellationToken ct)
    {
        var portal = options.Value;
        if (portal.Smtp.UsesPickupFolder) return new PickupFolderTransport(portal.MailPickupFolder);
        return new SmtpTransport(await ConnectAsync(portal.Smtp, ct));
    }

    /// <summary>
    /// Sends one message through the given server settings (the firm settings page's, before they are saved) and
    /// returns the server's reply to it. Connection, TLS and sign-in failures are thrown as MailKit reports them.
    /// </summary>
    public static async Task<string> SendTestAsync(SmtpOptions smtp, MimeMessage message, CancellationToken ct)
    {
        using var client = await ConnectAsync(smtp, ct);
        var reply = await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        return reply;
    }

    private static async Task<SmtpClient> ConnectAsync(SmtpOptions smtp, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            }, ct);
            if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class SmtpTransport(SmtpClient client) : IMailTransport
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => client.SendAsync(message, ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(quit: true);
            }
            catch (Exception ex) when (ex is IOException or SmtpProtocolException or OperationCanceledException)
            {
                // The messages were handed over already; a failed goodbye changes nothing.
            }
            client.Dispose();
        }
    }

    /// <summary>Writes each message as an .eml file: a fresh install works without a mail server and loses nothing.</summary>
    private sealed class PickupFolderTransport(string folder) : IMailTransport
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            Directory.CreateDirectory(folder);
            // Named by Message-ID: a retry after a crash rewrites the same file instead of adding a second one.
            var name = $"{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
            var temp = Path.Combine(folder, name + ".tmp");
            await message.WriteToAsync(temp, ct);
            File.Move(temp, Path.Combine(folder, name), overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
