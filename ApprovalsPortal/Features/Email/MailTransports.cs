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

        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(portal.Smtp.Host, portal.Smtp.Port, portal.Smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            }, ct);
            if (!string.IsNullOrEmpty(portal.Smtp.User)) await client.AuthenticateAsync(portal.Smtp.User, portal.Smtp.Password, ct);
            return new SmtpTransport(client);
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
