using ApprovalsPortal.Features.AccountsHub;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Components;

/// <summary>The accounts list's Notify column, reminders from a row's menu, and what archiving an account says.</summary>
public sealed class AccountWorkspaceTests : PortalBunitContext
{
    private PortalUser staff = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) notified;
    private (int AccountId, int SharedFolderId, int InternalFolderId) silent;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        notified = await Portal.CreateAccountAsync(staff, "Notified Ltd");
        await Portal.AddPortalContactAsync(staff, notified.AccountId, "ann@notified.test", "Ann");
        await Portal.AddPortalContactAsync(staff, notified.AccountId, "bob@notified.test", "Bob");
        silent = await Portal.CreateAccountAsync(staff, "Silent Ltd");
        await Portal.AddPortalContactAsync(staff, silent.AccountId, "sid@silent.test", "Sid", notify: false);
        SignInAs(staff, Roles.Staff);
    }

    private async Task<int> RequestAsync(string name, ApprovalInput input)
    {
        var document = await Portal.UploadAsync(staff, notified.AccountId, notified.SharedFolderId, name, SampleFiles.Pdf());
        await Portal.Get<ApprovalService>().RequestAsync(staff, document, input);
        return document;
    }

    [Fact]
    public void The_accounts_list_shows_how_many_contacts_get_emails_and_warns_where_nobody_does()
    {
        RenderProviders();
        var page = Render<AccountsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        Assert.Contains("Notify", page.FindAll("thead th").Select(th => th.TextContent.Trim()));
        var rows = page.FindAll("tbody tr");
        Assert.Contains("Notified Ltd", rows[0].TextContent);
        Assert.Equal("2", rows[0].QuerySelector("[data-testid=account-notify-count]")!.TextContent.Trim());
        Assert.Null(rows[0].QuerySelector("[data-testid=account-notify-warning]"));
        Assert.Contains("Silent Ltd", rows[1].TextContent);
        var warning = rows[1].QuerySelector("[data-testid=account-notify-warning]");
        Assert.NotNull(warning);
        Assert.Contains("nobody is emailed", warning.TextContent);
    }

    [Fact]
    public async Task Reminders_can_be_changed_from_a_rows_menu()
    {
        var document = await RequestAsync("Accounts.pdf", new ApprovalInput("", true, 3, 1));
        var rows = await Portal.Get<ApprovalService>().ListForAccountAsync(staff, notified.AccountId);
        var dialogs = RenderProviders();
        var list = Render<AccountApprovalsList>(p => p.Add(l => l.Rows, rows).Add(l => l.PortalContactCount, 2));

        list.Find("[data-testid=approval-row-menu] button").Click();
        list.WaitForAssertion(() => Assert.NotNull(Popovers.Find("[data-testid=menu-change-reminders]")));
        Popovers.Find("[data-testid=menu-change-reminders]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Reminders", dialogs.Find("[data-testid=approval-dialog-title]").TextContent));
        DateTime next;
        await using (var before = Portal.NewDb()) next = (await before.ActionItems.SingleAsync(i => i.DocumentId == document)).NextReminderAt!.Value;
        // The title shows before the dialog has loaded the item's reminders.
        dialogs.WaitForAssertion(() => Assert.Equal("Reminders: 0 of 1 sent, next on " + next.ToString("d MMM yyyy", System.Globalization.CultureInfo.CurrentCulture),
            dialogs.Find("[data-testid=approval-reminder-state]").TextContent.Trim()));
        dialogs.Find("input[data-testid=approval-count], [data-testid=approval-count] input").Input("4");
        dialogs.Find("[data-testid=approval-submit]").Click();

        await using var db = Portal.NewDb();
        await WaitForAsync(async () => (await db.ActionItems.AsNoTracking().SingleAsync(i => i.DocumentId == document)).ReminderCount == 4);
    }

    [Fact]
    public async Task Archiving_says_that_the_reminders_of_waiting_requests_stop()
    {
        await RequestAsync("Accounts.pdf", new ApprovalInput("", true, 3, 2));
        var dialogs = RenderProviders();
        var page = Render<AccountPage>(p => p.Add(a => a.AccountId, notified.AccountId));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Archive"));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click();

        dialogs.WaitForAssertion(() => Assert.Contains(
            "1 request waits for the client: their automatic reminders stop while the account is archived (1 with reminders left). Restoring it starts them again, the next one a full interval later.",
            dialogs.Markup));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "The change did not arrive in time.");
            await Task.Delay(100);
        }
    }
}
