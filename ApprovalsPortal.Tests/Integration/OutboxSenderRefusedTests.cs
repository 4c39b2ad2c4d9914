using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Integration;

public sealed class OutboxSenderRefusedTests
{
    [Fact]
    public async Task A_server_refusing_the_sender_makes_mail_wait_instead_of_failing_every_message()
    {
        using var smtp = SmtpSink.Start();
        var settings = smtp.Settings;
        settings["Portal:Smtp:FromAddress"] = "reject-sender@firm.test";
        await using var portal = await PortalServices.StartAsync(settings);
        var staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        var account = await portal.CreateAccountAsync(staff, "Sender Ltd");
        await portal.AddPortalContactAsync(staff, account.AccountId, "ann@sender.test", "Ann");
        await portal.AddPortalContactAsync(staff, account.AccountId, "bob@sender.test", "Bob");

        await portal.Get<OutboxDispatcher>().DispatchAsync();

        await using var db = portal.NewDb();
        var rows = await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync();
        Assert.All(rows, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.StartsWith("550", rows[0].LastError);
        Assert.Empty(smtp.Messages());
    }
}
