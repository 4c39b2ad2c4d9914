using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>The running app's own scheduler delivers mail: to the SMTP server when one is set, else to the pickup folder.</summary>
public sealed class MailDeliveryWiringTests
{
    private static async Task RequestDemoApprovalAsync(PortalAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var staffId = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
        var documentId = await db.Documents.Where(d => d.Name == "2026 Annual Accounts.pdf").Select(d => d.Id).SingleAsync();
        var staff = new PortalUser(staffId, DemoLogins.Staff.Name, false, true, false);
        await scope.ServiceProvider.GetRequiredService<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("Via the scheduler", false, 3, 1));
    }

    private static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task The_scheduler_sends_a_new_request_to_the_smtp_server_within_seconds()
    {
        using var smtp = SmtpSink.Start();
        var settings = smtp.Settings;
        // The regular poll is out of the way: only the signal sent after the commit can deliver within the wait.
        settings["Portal:Smtp:PollSeconds"] = "3600";
        using var app = new PortalAppFactory(settings: settings);
        await RequestDemoApprovalAsync(app);

        var mails = await EventuallyAsync(() => smtp.MessagesTo(DemoLogins.Client.Email), m => m.Any(x => x.Subject!.Contains("2026 Annual Accounts.pdf")));
        var mail = Assert.Single(mails, m => m.Subject!.Contains("2026 Annual Accounts.pdf"));
        Assert.Contains("Via the scheduler", mail.TextBody);
    }

    [Fact]
    public async Task The_scheduler_wakes_the_reminder_sweep_and_the_outbox()
    {
        using var app = new PortalAppFactory();
        var scheduler = await app.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        Assert.True(await scheduler.Exists(ApprovalsPortal.Features.ActionItems.ReminderSweepJob.Key));
        Assert.True(await scheduler.Exists(ApprovalsPortal.Features.Email.OutboxDispatchJob.Key));
        var sweep = Assert.IsAssignableFrom<Quartz.ISimpleTrigger>(await scheduler.GetTrigger(new Quartz.TriggerKey("reminder-sweep-every-minute")));
        Assert.Equal((ApprovalsPortal.Features.ActionItems.ReminderSweepJob.Key, TimeSpan.FromMinutes(1)), (sweep.JobKey, sweep.RepeatInterval));
    }

    [Fact]
    public async Task Without_an_smtp_host_mail_lands_in_the_pickup_folder()
    {
        using var app = new PortalAppFactory();
        await RequestDemoApprovalAsync(app);

        var pickup = Path.Combine(app.DataFolder, "mail-pickup");
        var files = await EventuallyAsync(
            () => Directory.Exists(pickup) ? Directory.GetFiles(pickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList() : [],
            f => f.Any(m => m.Subject!.Contains("2026 Annual Accounts.pdf")));
        Assert.Contains(files, m => m.Subject == "Please review and approve: 2026 Annual Accounts.pdf" && m.To.Mailboxes.Single().Address == DemoLogins.Client.Email);
    }
}
