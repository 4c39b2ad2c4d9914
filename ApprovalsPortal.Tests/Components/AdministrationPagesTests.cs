using ApprovalsPortal.Features.Administration;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Email;
using Microsoft.EntityFrameworkCore;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApprovalsPortal.Tests.Components;

public sealed class AdministrationPagesTests : PortalBunitContext
{
    private PortalUser admin = default!;
    private PortalUser staff = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        admin = await Portal.CreateUserAsync(Roles.Admin, "ada@firm.test", "Ada Admin");
        staff = await Portal.CreateUserAsync(Roles.Staff, "sam@firm.test", "Sam Staff");
        SignInAs(admin, Roles.Admin);
    }

    [Fact]
    public void Staff_users_lists_each_login_with_its_role_and_offers_no_deactivation_of_yourself()
    {
        RenderProviders();
        var page = Render<StaffUsersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=staff-table] tbody tr").Count));
        var rows = page.FindAll("[data-testid=staff-table] tbody tr");
        Assert.Contains("Ada Admin (you)", rows[0].TextContent);
        Assert.Equal("Admin", rows[0].QuerySelector("[data-testid=staff-role]")!.TextContent.Trim());
        Assert.Null(rows[0].QuerySelector("[data-testid=staff-deactivate]"));
        Assert.Equal("Staff", rows[1].QuerySelector("[data-testid=staff-role]")!.TextContent.Trim());
        Assert.NotNull(rows[1].QuerySelector("[data-testid=staff-deactivate]"));
    }

    [Fact]
    public void The_invite_dialog_says_what_is_missing_and_keeps_what_was_typed()
    {
        var dialogs = RenderProviders();
        var page = Render<StaffUsersPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=staff-invite]"));
        page.Find("[data-testid=staff-invite]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=staff-invite-send]"));
        dialogs.Find("[data-testid=staff-invite-email] input, input[data-testid=staff-invite-email]").Input("not-an-email");
        dialogs.Find("[data-testid=staff-invite-send]").Click();
        dialogs.WaitForAssertion(() =>
        {
            var errors = dialogs.Find("[data-testid=staff-invite-errors]").TextContent;
            Assert.Contains("Enter the person's name.", errors);
            Assert.Contains("Enter a valid email address, such as name@firm.com.", errors);
        });
        Assert.Equal("not-an-email", dialogs.Find("[data-testid=staff-invite-email] input, input[data-testid=staff-invite-email]").GetAttribute("value"));
    }

    [Fact]
    public void Disapproval_reasons_refuse_an_empty_reason_and_never_offer_to_retire_the_one_that_needs_a_comment()
    {
        RenderProviders();
        var page = Render<DisapprovalReasonsPage>();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=reasons-table] tbody tr").Count));
        var other = page.FindAll("[data-testid=reasons-table] tbody tr").Single(r => r.TextContent.Contains("Needs a comment"));
        Assert.Null(other.QuerySelector("[data-testid=reason-retire]"));
        Assert.NotNull(page.FindAll("[data-testid=reasons-table] tbody tr").First(r => r != other).QuerySelector("[data-testid=reason-retire]"));

        page.Find("[data-testid=reason-add]").Click();
        page.WaitForAssertion(() => Assert.Equal("Enter the reason's words.", page.Find("[data-testid=reason-errors]").TextContent.Trim()));
    }

    [Fact]
    public async Task Firm_settings_show_the_startup_checks_message_for_an_empty_firm_name_and_never_the_mail_password()
    {
        var settings = Portal.Get<FirmSettingsService>();
        var saved = settings.Get(admin);
        saved.SmtpHost = "smtp.firm.test";
        saved.NewSmtpPassword = "mail-secret-2026";
        await settings.SaveAsync(admin, saved);
        RenderProviders();
        var page = Render<FirmSettingsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=settings-firm-name] input, input[data-testid=settings-firm-name]"));
        Assert.Equal("", page.Find("[data-testid=settings-smtp-password] input, input[data-testid=settings-smtp-password]").GetAttribute("value") ?? "");
        Assert.DoesNotContain("mail-secret-2026", page.Markup);
        Assert.Contains("A password is saved and never shown", page.Markup);
        page.Find("[data-testid=settings-firm-name] input, input[data-testid=settings-firm-name]").Input("");
        page.Find("[data-testid=settings-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("Portal:FirmName must be set: it is shown on every page and email.",
            page.Find("[data-testid=settings-errors]").TextContent));
    }

    private static string Value(IRenderedComponent<FirmSettingsPage> page, string testId) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}]").GetAttribute("value") ?? "";

    [Fact]
    public async Task The_staff_page_shows_another_admins_change_at_once()
    {
        var other = await Portal.CreateUserAsync(Roles.Admin, "otto@firm.test", "Otto Other");
        RenderProviders();
        var page = Render<StaffUsersPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=staff-table] tbody tr").Count));

        await Portal.Get<StaffUserService>().DeactivateAsync(other, staff.UserId);

        page.WaitForAssertion(() => Assert.Equal("Deactivated",
            page.FindAll("[data-testid=staff-table] tbody tr").Single(r => r.TextContent.Contains("Sam Staff")).QuerySelector("[data-testid=staff-status]")!.TextContent.Trim()));
    }

    [Fact]
    public async Task The_reasons_page_and_the_administration_log_show_another_admins_change_at_once()
    {
        var other = await Portal.CreateUserAsync(Roles.Admin, "otto@firm.test", "Otto Other");
        RenderProviders();
        var reasons = Render<DisapprovalReasonsPage>();
        var log = Render<ApprovalsPortal.Features.Audit.AdminAuditPage>();
        reasons.WaitForAssertion(() => Assert.Equal(5, reasons.FindAll("[data-testid=reasons-table] tbody tr").Count));
        log.WaitForAssertion(() => log.Find("[data-testid=admin-audit-empty]"));

        await Portal.Get<DisapprovalReasonAdmin>().AddAsync(other, "Figures out of date");

        reasons.WaitForAssertion(() => Assert.Contains(reasons.FindAll("[data-testid=reason-text]"), r => r.TextContent.Contains("Figures out of date")));
        log.WaitForAssertion(() => Assert.Equal("Added the reason \"Figures out of date\"", log.Find("[data-testid=admin-audit-details]").TextContent.Trim()));
    }

    [Fact]
    public async Task Firm_settings_saved_by_another_admin_replace_an_untouched_form_and_never_an_edited_one()
    {
        var other = await Portal.CreateUserAsync(Roles.Admin, "otto@firm.test", "Otto Other");
        var settings = Portal.Get<FirmSettingsService>();
        RenderProviders();
        var page = Render<FirmSettingsPage>();
        page.WaitForAssertion(() => Assert.NotEqual("", Value(page, "settings-firm-name")));

        var first = settings.Get(other);
        first.FirmName = "Pine & Harbor Partners";
        await settings.SaveAsync(other, first);
        page.WaitForAssertion(() => Assert.Equal("Pine & Harbor Partners", Value(page, "settings-firm-name")));
        Assert.Empty(page.FindAll("[data-testid=settings-saved-elsewhere]"));

        page.Find("[data-testid=settings-from-name] input, input[data-testid=settings-from-name]").Input("Typed, not saved");
        var second = settings.Get(other);
        second.FirmName = "Harbor Partners";
        await settings.SaveAsync(other, second);
        page.WaitForAssertion(() => page.Find("[data-testid=settings-saved-elsewhere]"));
        Assert.Equal(("Pine & Harbor Partners", "Typed, not saved"), (Value(page, "settings-firm-name"), Value(page, "settings-from-name")));

        page.Find("[data-testid=settings-show-saved]").Click();
        page.WaitForAssertion(() => Assert.Equal(("Harbor Partners", second.FromName), (Value(page, "settings-firm-name"), Value(page, "settings-from-name"))));
        Assert.Empty(page.FindAll("[data-testid=settings-saved-elsewhere]"));
    }

    [Fact]
    public async Task Saving_an_edited_form_after_another_admin_saved_keeps_both_admins_changes()
    {
        var other = await Portal.CreateUserAsync(Roles.Admin, "otto@firm.test", "Otto Other");
        var settings = Portal.Get<FirmSettingsService>();
        RenderProviders();
        var page = Render<FirmSettingsPage>();
        page.WaitForAssertion(() => Assert.NotEqual("", Value(page, "settings-firm-name")));
        var firmNameBefore = Value(page, "settings-firm-name");

        page.Find("[data-testid=settings-from-name] input, input[data-testid=settings-from-name]").Input("Accounts team");
        var theirs = settings.Get(other);
        theirs.FirmName = "Harbor Partners";
        await settings.SaveAsync(other, theirs);
        page.WaitForAssertion(() => page.Find("[data-testid=settings-saved-elsewhere]"));
        Assert.Equal(firmNameBefore, Value(page, "settings-firm-name"));

        // This form still shows the old firm name, which this admin never touched: saving keeps the other admin's.
        page.Find("[data-testid=settings-save]").Click();
        page.WaitForAssertion(() => Assert.Equal(("Harbor Partners", "Accounts team"), (Value(page, "settings-firm-name"), Value(page, "settings-from-name"))));
        var inEffect = settings.Get(admin);
        Assert.Equal(("Harbor Partners", "Accounts team"), (inEffect.FirmName, inEffect.FromName));
        Assert.Empty(page.FindAll("[data-testid=settings-saved-elsewhere]"));
    }

    [Fact]
    public async Task Outgoing_mail_offers_retry_all_failed_as_soon_as_it_opens_and_queues_them_again()
    {
        await using (var db = Portal.NewDb())
        {
            foreach (var address in new[] { "gone@client.test", "moved@client.test" })
                db.OutboxMessages.Add(new OutboxMessage
                {
                    MessageId = $"<{address}>", ToAddress = address, Subject = "Please approve", Status = OutboxStatus.Failed,
                    LastError = "550 5.1.1 Mailbox unavailable", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
        }
        RenderProviders();
        var page = Render<OutgoingMailPage>();
        page.WaitForAssertion(() => Assert.Equal("Retry all failed (2)", page.Find("[data-testid=mail-retry-all]").TextContent.Trim()));

        page.Find("[data-testid=mail-retry-all]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=mail-retry-all]")));
        await using var check = Portal.NewDb();
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Failed));
        // What the admin sees: the count queued, and both rows waiting to be sent (no dispatcher runs here).
        Assert.Equal([OutboxStatus.Pending, OutboxStatus.Pending], await check.OutboxMessages.Select(m => m.Status).ToListAsync());
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "2 messages are queued again.");
        page.WaitForAssertion(() => Assert.Equal(["Pending", "Pending"], page.FindAll("[data-testid=mail-status]").Select(c => c.TextContent.Trim())));
    }
}
