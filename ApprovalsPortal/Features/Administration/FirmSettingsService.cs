using System.ComponentModel.DataAnnotations;
using System.Net.Sockets;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ApprovalsPortal.Features.Administration;

/// <summary>A save refused by the settings' own rules: each message names the setting as appsettings.json does.</summary>
public sealed class FirmSettingsInvalidException(IReadOnlyList<string> failures)
    : PortalRuleException(string.Join(" ", failures))
{
    public IReadOnlyList<string> Failures { get; } = failures;
}

/// <param name="Sent">The server accepted the message; <paramref name="Reply"/> is its answer, or why it failed.</param>
public sealed record TestEmailResult(bool Sent, string Reply);

/// <summary>
/// The firm's settings as admins change them in the portal. A save is checked with exactly the rules (and messages)
/// that check appsettings.json at start, against the whole configuration as it would become; only then is it
/// stored and the configuration reloaded, so the running portal never holds invalid settings.
/// </summary>
public sealed class FirmSettingsService(
    IDbContextFactory<AppDbContext> dbFactory,
    IConfiguration configuration,
    IOptionsMonitor<PortalOptions> options,
    IEnumerable<IValidateOptions<PortalOptions>> validators,
    FirmSettingsSource source,
    AdminAuditService audit,
    ILogger<FirmSettingsService> logger)
{
    private static readonly EmailAddressAttribute EmailCheck = new();

    public FirmSettingsInput Get(PortalUser actor)
    {
        actor.RequireAdmin();
        return FirmSettingsInput.From(options.CurrentValue);
    }

    /// <summary>The messages the settings would fail with, or none.</summary>
    public IReadOnlyList<string> Validate(FirmSettingsInput input)
    {
        var candidate = Bind(input.ToConfiguration());
        var failures = new List<string>();
        foreach (var validator in validators)
        {
            var result = validator.Validate(Options.DefaultName, candidate);
            if (result.Failed) failures.AddRange(result.Failures ?? []);
        }
        return failures;
    }

    /// <summary>
    /// Stores what the admin edited: the fields that differ from <paramref name="editedFrom"/>, the form's values as
    /// it loaded them (by default, the settings in effect now). A field left alone keeps following appsettings.json,
    /// and keeps a value another admin saved meanwhile.
    /// </summary>
    public async Task SaveAsync(PortalUser actor, FirmSettingsInput input, IReadOnlyDictionary<string, string?>? editedFrom = null, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        if (Validate(input) is { Count: > 0 } failures) throw new FirmSettingsInvalidException(failures);
        var before = options.CurrentValue;
        var changed = input.ChangesFrom(editedFrom ?? FirmSettingsInput.From(before).ToConfiguration());
        var changes = Describe(before, Bind(changed), changed.ContainsKey("Portal:Smtp:Password"));
        if (changes.Count == 0) return;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One save at a time: two admins saving at once each update the rows the other may have just added.
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var keys = changed.Select(v => FirmSettingsSource.KeyPrefix + v.Key).ToList();
        var stored = await db.PortalSettings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var (key, value) in changed)
        {
            var storedKey = FirmSettingsSource.KeyPrefix + key;
            if (stored.TryGetValue(storedKey, out var row)) row.Value = value ?? "";
            else db.PortalSettings.Add(new PortalSetting { Key = storedKey, Value = value ?? "" });
        }
        audit.Add(db, actor, AdminArea.FirmSettings, string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        source.Provider.ReloadNow();
        audit.Announce(AdminArea.FirmSettings);
        logger.LogInformation("Firm settings changed by {UserId}: {Keys}", actor.UserId, string.Join(", ", changes));
    }

    /// <summary>
    /// Sends a test email through the mail server in the form (saved or not) and returns the server's reply, or
    /// the reason it failed, in the server's or the network's words.
    /// </summary>
    public async Task<TestEmailResult> SendTestEmailAsync(PortalUser actor, FirmSettingsInput input, string to, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        to = (to ?? "").Trim();
        if (!EmailCheck.IsValid(to) || to.Length == 0) throw new PortalRuleException("Enter the address to send the test email to.");
        if (string.IsNullOrWhiteSpace(input.SmtpHost))
            throw new PortalRuleException("No mail server is entered: emails are written to the pickup folder. Enter a server to test it.");
        var candidate = Bind(input.ToConfiguration());
        if (Validate(input) is { Count: > 0 } failures) throw new FirmSettingsInvalidException(failures);

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(candidate.Smtp.FromName) ? candidate.FirmName : candidate.Smtp.FromName, candidate.Smtp.FromAddress));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"Test email from {candidate.FirmName}'s portal";
        message.Body = new TextPart("plain") { Text = $"{actor.Name} sent this test from the portal's firm settings. The mail server works." };
        try
        {
            var reply = await MailTransportFactory.SendTestAsync(candidate.Smtp, message, ct);
            logger.LogInformation("Test email sent by {UserId} through {Host}: {Reply}", actor.UserId, candidate.Smtp.Host, reply);
            return new TestEmailResult(true, reply);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SslHandshakeException or AuthenticationException
                                       or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
                                       or ServiceNotAuthenticatedException or TimeoutException or NotSupportedException)
        {
            logger.LogWarning(ex, "Test email by {UserId} through {Host} failed", actor.UserId, candidate.Smtp.Host);
            return new TestEmailResult(false, ex.Message);
        }
    }

    /// <summary>The options the configuration would give with these values on top.</summary>
    private PortalOptions Bind(Dictionary<string, string?> values)
    {
        var candidate = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(values).Build();
        var bound = new PortalOptions();
        candidate.GetSection(PortalOptions.Section).Bind(bound);
        return bound;
    }

    /// <summary>What changed, in words for the audit; a password's value is never written.</summary>
    private static List<string> Describe(PortalOptions before, PortalOptions after, bool passwordChanged)
    {
        var changes = new List<string>();
        void Compare(string name, object? from, object? to)
        {
            if (!Equals(from, to)) changes.Add($"{name}: \"{from}\" → \"{to}\"");
        }
        Compare("Firm name", before.FirmName, after.FirmName);
        Compare("Public address", before.PublicBaseUrl, after.PublicBaseUrl);
        Compare("Approval reminders", Reminders(before.Approvals.RemindersOn, before.Approvals.ReminderIntervalDays, before.Approvals.ReminderCount),
            Reminders(after.Approvals.RemindersOn, after.Approvals.ReminderIntervalDays, after.Approvals.ReminderCount));
        Compare("Request reminders", Reminders(before.Requests.RemindersOn, before.Requests.ReminderIntervalDays, before.Requests.ReminderCount),
            Reminders(after.Requests.RemindersOn, after.Requests.ReminderIntervalDays, after.Requests.ReminderCount));
        Compare("Invoice reminders", Reminders(before.Invoices.RemindersOn, before.Invoices.ReminderIntervalDays, before.Invoices.ReminderCount),
            Reminders(after.Invoices.RemindersOn, after.Invoices.ReminderIntervalDays, after.Invoices.ReminderCount));
        Compare("Largest file (MB)", before.Uploads.MaxFileSizeMegabytes, after.Uploads.MaxFileSizeMegabytes);
        Compare("Files per upload", before.Uploads.MaxFilesPerUpload, after.Uploads.MaxFilesPerUpload);
        Compare("Mail server", $"{before.Smtp.Host}:{before.Smtp.Port} ({before.Smtp.Security})", $"{after.Smtp.Host}:{after.Smtp.Port} ({after.Smtp.Security})");
        Compare("Mail server user", before.Smtp.User, after.Smtp.User);
        Compare("Sender", $"{before.Smtp.FromName} <{before.Smtp.FromAddress}>", $"{after.Smtp.FromName} <{after.Smtp.FromAddress}>");
        if (passwordChanged && before.Smtp.Password != after.Smtp.Password)
            changes.Add(string.IsNullOrEmpty(after.Smtp.Password) ? "Mail server password removed" : "Mail server password changed");
        return changes;
    }

    private static string Reminders(bool on, int days, int count) => on ? $"every {days} days, {count} times" : "off";
}
