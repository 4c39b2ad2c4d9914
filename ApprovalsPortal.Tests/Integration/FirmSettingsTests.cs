using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Administration;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Tests.Integration;

public sealed class FirmSettingsTests : IAsyncLifetime, IDisposable
{
    private readonly TempDataFolder folder = new();
    private PortalServices portal = default!;
    private PortalUser admin = default!;

    public async Task InitializeAsync()
    {
        portal = await Start();
        admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
    }

    private Task<PortalServices> Start() => PortalServices.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:DataFolder"] = folder.Path,
        ["Portal:FirmName"] = "Firm From Appsettings",
    });

    public async Task DisposeAsync() => await portal.DisposeAsync();

    public void Dispose() => folder.Dispose();

    private FirmSettingsService Settings => portal.Get<FirmSettingsService>();

    [Fact]
    public async Task Saved_settings_override_appsettings_at_once_and_after_a_restart()
    {
        var input = Settings.Get(admin);
        Assert.Equal("Firm From Appsettings", input.FirmName);
        input.FirmName = "Baker & Rowe Accountants";
        input.Approvals.IntervalDays = 5;
        input.Approvals.Count = 2;
        input.MaxFileSizeMegabytes = 10;
        await Settings.SaveAsync(admin, input);

        // Every service reads IOptions<PortalOptions>: it follows without a restart.
        var options = portal.Get<IOptions<PortalOptions>>().Value;
        Assert.Equal(("Baker & Rowe Accountants", 5, 2, 10),
            (options.FirmName, options.Approvals.ReminderIntervalDays, options.Approvals.ReminderCount, options.Uploads.MaxFileSizeMegabytes));

        await portal.DisposeAsync();
        portal = await Start();
        Assert.Equal("Baker & Rowe Accountants", portal.Get<IOptions<PortalOptions>>().Value.FirmName);
        await using var db = portal.NewDb();
        var entry = await db.AdminAuditEntries.SingleAsync();
        Assert.Equal(AdminArea.FirmSettings, entry.Area);
        Assert.Contains("Firm name: \"Firm From Appsettings\" → \"Baker & Rowe Accountants\"", entry.Details);
        Assert.Contains("Approval reminders: \"every 3 days, 1 times\" → \"every 5 days, 2 times\"", entry.Details);
        // Only the changed settings are stored: the others keep following appsettings.json.
        Assert.Equal(["Portal:Approvals:ReminderCount", "Portal:Approvals:ReminderIntervalDays", "Portal:FirmName", "Portal:Uploads:MaxFileSizeMegabytes"],
            (await db.PortalSettings.Where(s => s.Key.StartsWith(FirmSettingsSource.KeyPrefix)).Select(s => s.Key).ToListAsync())
                .Select(k => k[FirmSettingsSource.KeyPrefix.Length..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Invalid_values_are_refused_with_the_startup_checks_messages_and_nothing_changes()
    {
        var input = Settings.Get(admin);
        input.FirmName = "";
        input.SmtpPort = 0;
        input.PublicBaseUrl = "portal.example.com";
        Assert.Equal(
        [
            "Portal:FirmName must be set: it is shown on every page and email.",
            "Portal:PublicBaseUrl must be an absolute http or https address, such as https://portal.example.com.",
            "Portal:Smtp:Port must be between 1 and 65535.",
        ], Settings.Validate(input).Order());
        var refused = await Assert.ThrowsAsync<FirmSettingsInvalidException>(() => Settings.SaveAsync(admin, input));
        Assert.Equal(3, refused.Failures.Count);
        Assert.Equal("Firm From Appsettings", portal.Get<IOptions<PortalOptions>>().Value.FirmName);
        await using var db = portal.NewDb();
        Assert.False(await db.AdminAuditEntries.AnyAsync());
        Assert.False(await db.PortalSettings.AnyAsync(s => s.Key.StartsWith(FirmSettingsSource.KeyPrefix)));
    }

    [Fact]
    public async Task The_mail_password_is_never_shown_back_kept_when_left_empty_and_never_written_to_the_log()
    {
        var input = Settings.Get(admin);
        input.SmtpHost = "mail.example.com";
        input.SmtpUser = "portal";
        input.NewSmtpPassword = "s3cret-mail-password";
        await Settings.SaveAsync(admin, input);

        var again = Settings.Get(admin);
        Assert.True(again.SmtpPasswordSet);
        Assert.Equal("", again.NewSmtpPassword);
        again.FirmName = "Renamed Firm";
        await Settings.SaveAsync(admin, again);
        Assert.Equal("s3cret-mail-password", portal.Get<IOptions<PortalOptions>>().Value.Smtp.Password);

        await using var db = portal.NewDb();
        var details = await db.AdminAuditEntries.Select(e => e.Details).ToListAsync();
        Assert.Contains(details, d => d.Contains("Mail server password changed"));
        Assert.DoesNotContain(details, d => d.Contains("s3cret-mail-password"));
    }

    [Fact]
    public async Task Only_admins_see_or_change_the_settings()
    {
        var staff = await portal.CreateUserAsync(Roles.Staff, "sam@firm.test");
        var input = Settings.Get(admin);
        input.FirmName = "Taken Over Ltd";
        Assert.Equal("Only an admin can do this.", Assert.Throws<PortalRuleException>(() => Settings.Get(staff)).Message);
        Assert.Equal("Only an admin can do this.", (await Assert.ThrowsAsync<PortalRuleException>(() => Settings.SaveAsync(staff, input))).Message);
        Assert.Equal("Only an admin can do this.",
            (await Assert.ThrowsAsync<PortalRuleException>(() => Settings.SendTestEmailAsync(staff, input, "sam@firm.test"))).Message);
        Assert.NotEqual("Taken Over Ltd", Settings.Get(admin).FirmName);
    }

    [Fact]
    public async Task A_test_email_goes_through_the_server_in_the_form_and_shows_its_reply_or_its_failure()
    {
        using var sink = SmtpSink.Start();
        var input = Settings.Get(admin);
        input.SmtpHost = "127.0.0.1";
        input.SmtpPort = sink.Port;
        input.SmtpSecurity = SmtpSecurity.None;
        input.FromAddress = "portal@firm.test";

        var sent = await Settings.SendTestEmailAsync(admin, input, "ada@firm.test");
        Assert.True(sent.Sent, sent.Reply);
        Assert.Contains("Message accepted", sent.Reply);
        var message = Assert.Single(sink.MessagesTo("ada@firm.test"));
        Assert.Equal("Test email from Firm From Appsettings's portal", message.Subject);

        sink.Stop();
        var failed = await Settings.SendTestEmailAsync(admin, input, "ada@firm.test");
        Assert.False(failed.Sent);
        Assert.Contains("refused", failed.Reply, StringComparison.OrdinalIgnoreCase);

        input.SmtpHost = "";
        var none = await Assert.ThrowsAsync<PortalRuleException>(() => Settings.SendTestEmailAsync(admin, input, "ada@firm.test"));
        Assert.StartsWith("No mail server is entered", none.Message);
    }
}
