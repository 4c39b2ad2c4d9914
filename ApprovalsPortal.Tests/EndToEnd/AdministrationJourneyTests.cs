using System.Text.RegularExpressions;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

/// <summary>An admin runs the firm from the portal: staff logins, the firm's settings and the administration log.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AdministrationJourneyTests : IAsyncLifetime, IDisposable
{
    private readonly BrowserFixture browser;
    private readonly SmtpSink sink = SmtpSink.Start();
    private readonly PortalAppFactory app;

    public AdministrationJourneyTests(BrowserFixture browser)
    {
        this.browser = browser;
        app = new PortalAppFactory(settings: sink.Settings);
    }

    [GeneratedRegex(@"/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();

    [Fact]
    public async Task An_invited_staff_member_sets_a_password_and_a_deactivation_ends_their_open_session_at_once()
    {
        var admin = await browser.NewPageAsync(app.BaseUrl);
        await admin.SignInAsync(DemoLogins.Admin.Email);
        await Expect(admin).ToHaveURLAsync(new Regex("/accounts$"));
        await admin.GetByTestId("nav-staff").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Staff users" })).ToBeVisibleAsync();
        await admin.GetByTestId("staff-invite").ClickAsync();
        await admin.Field("staff-invite-name").FillAsync("Nia Newcomer");
        await admin.Field("staff-invite-email").FillAsync("nia@firm.test");
        await admin.SubmitDialogAsync("staff-invite-send");
        await Expect(admin.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var row = admin.GetByTestId("staff-table").Locator("tbody tr").Filter(new() { HasText = "Nia Newcomer" });
        await Expect(row.GetByTestId("staff-status")).ToHaveTextAsync("Invited");

        // The invitation arrives by email; its link sets the password.
        var invitation = await WaitForEmailAsync("nia@firm.test");
        var link = SetPasswordLink().Match(invitation.TextBody ?? "").Value;
        var nia = await browser.NewPageAsync(app.BaseUrl);
        await nia.GotoAsync(link);
        await nia.FillAsync("#password", "nia-chosen-password");
        await nia.FillAsync("#confirm", "nia-chosen-password");
        await nia.ClickAsync("button[type=submit]");
        await Expect(nia).ToHaveURLAsync(new Regex("/account/sign-in\\?message=password-set$"));
        await nia.SignInAsync("nia@firm.test", "nia-chosen-password");
        await Expect(nia).ToHaveURLAsync(new Regex("/accounts$"));

        // The admin deactivates her while her page is open: it leaves for the sign-in page, which refuses her.
        await admin.ReloadAsync();
        await Expect(row.GetByTestId("staff-status")).ToHaveTextAsync("Active");
        await row.GetByTestId("staff-deactivate").ClickAsync();
        await admin.ClickInDialogAsync("Deactivate");
        await Expect(row.GetByTestId("staff-status")).ToHaveTextAsync("Deactivated");

        await Expect(nia).ToHaveURLAsync(new Regex("/account/sign-in"));
        await nia.GotoAsync("/accounts");
        await Expect(nia).ToHaveURLAsync(new Regex("/account/sign-in"));
        await nia.SignInAsync("nia@firm.test", "nia-chosen-password");
        await Expect(nia.GetByTestId("sign-in-error")).ToContainTextAsync("Wrong email or password.");

        // Both changes are in the administration log.
        await admin.GetByTestId("nav-admin-audit").ClickAsync();
        await Expect(admin.GetByTestId("admin-audit-details")).ToHaveTextAsync(
            ["Deactivated Nia Newcomer (nia@firm.test)", "Invited Nia Newcomer (nia@firm.test) as Staff"]);
    }

    [Fact]
    public async Task The_firm_name_saved_in_the_portal_shows_at_once_and_a_test_email_shows_the_servers_reply()
    {
        var admin = await browser.NewPageAsync(app.BaseUrl);
        await admin.SignInAsync(DemoLogins.Admin.Email);
        await admin.GotoAsync("/admin/settings");
        await admin.Field("settings-firm-name").FillAsync("");
        await admin.GetByTestId("settings-save").ClickAsync();
        await Expect(admin.GetByTestId("settings-errors")).ToContainTextAsync("Portal:FirmName must be set: it is shown on every page and email.");

        await admin.Field("settings-firm-name").FillAsync("Hartley & Sons Chartered Accountants");
        await admin.GetByTestId("settings-save").ClickAsync();
        await Expect(admin.GetByText("Firm settings saved.")).ToBeVisibleAsync();
        await admin.GotoAsync("/accounts");
        await Expect(admin.Locator(".mud-appbar")).ToContainTextAsync("Hartley & Sons Chartered Accountants");

        await admin.GotoAsync("/admin/settings");
        await admin.Field("settings-test-to").FillAsync("avery@firm.test");
        await admin.GetByTestId("settings-test-send").ClickAsync();
        await Expect(admin.GetByTestId("settings-test-result")).ToContainTextAsync("The server accepted the test email.");
        var test = await WaitForEmailAsync("avery@firm.test");
        Assert.Equal("Test email from Hartley & Sons Chartered Accountants's portal", test.Subject);
    }

    private async Task<MimeKit.MimeMessage> WaitForEmailAsync(string address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (sink.MessagesTo(address) is [var message, ..]) return message;
            await Task.Delay(250);
        }
        throw new TimeoutException($"No email reached {address} within 60 s.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose()
    {
        app.Dispose();
        sink.Dispose();
    }
}
