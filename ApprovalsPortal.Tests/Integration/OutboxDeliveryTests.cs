using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>The outbox against a real SMTP server on loopback that the tests stop, start and make refuse mail.</summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SmtpSink smtp = SmtpSink.Start();
    private PortalServices portal = default!;
    private PortalUser staff = default!;
    private PortalUser admin = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(smtp.Settings, s => s.AddSingleton<TimeProvider>(clock));
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test");
        account = await portal.CreateAccountAsync(staff, "Outbox Ltd");
    }

    private Task<int> DispatchAsync() => portal.Get<OutboxDispatcher>().DispatchAsync();

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = portal.NewDb();
        return await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync();
    }

    private async Task RequestApprovalAsync(string name)
    {
        var doc = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, name, SampleFiles.Pdf());
        await portal.Get<ApprovalService>().RequestAsync(staff, doc, new ApprovalInput("", false, 3, 1));
    }

    [Fact]
    public async Task Each_batch_tried_tells_open_outgoing_mail_pages_and_an_empty_outbox_does_not()
    {
        var changes = 0;
        using var subscription = portal.Get<Features.Notifications.PortalEvents>().Subscribe(e =>
        {
            if (e.Kind == Features.Notifications.PortalEventKind.MailChanged) Interlocked.Increment(ref changes);
            return Task.CompletedTask;
        });
        await DispatchAsync();
        var settled = Volatile.Read(ref changes);

        await portal.AddPortalContactAsync(staff, account.AccountId, "ann@outbox.test", "Ann");
        smtp.Stop();
        Assert.Equal(0, await DispatchAsync());
        await WaitForAsync(() => Volatile.Read(ref changes) > settled);
        var afterFailure = Volatile.Read(ref changes);

        smtp.Resume();
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await DispatchAsync());
        await WaitForAsync(() => Volatile.Read(ref changes) > afterFailure);
        var afterSending = Volatile.Read(ref changes);
        Assert.Equal(0, await DispatchAsync());
        Assert.Equal(afterSending, Volatile.Read(ref changes));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "No MailChanged event arrived.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task While_smtp_is_down_requests_succeed_and_mail_waits_then_each_message_is_delivered_once()
    {
        await portal.AddPortalContactAsync(staff, account.AccountId, "ann@outbox.test", "Ann");
        await portal.AddPortalContactAsync(staff, account.AccountId, "bob@outbox.test", "Bob");
        smtp.Stop();

        await RequestApprovalAsync("First.pdf");
        await RequestApprovalAsync("Second.pdf");
        Assert.Equal(0, await DispatchAsync());
        var waiting = await OutboxAsync();
        Assert.Equal(6, waiting.Count); // two invitations and four approval requests
        Assert.All(waiting, m => Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts)));
        Assert.All(waiting, m => Assert.StartsWith("Could not reach the mail server", m.LastError));

        // An hour of outage: the poll keeps trying, with growing delays, and never gives up.
        for (var minute = 0; minute < 60; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await DispatchAsync();
        }
        var attempts = (await OutboxAsync()).Select(m => m.Attempts).Distinct().Single();
        Assert.InRange(attempts, 5, 12);

        smtp.Resume();
        for (var minute = 0; minute < 10; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await DispatchAsync();
        }

        var delivered = smtp.Messages();
        var rows = await OutboxAsync();
        Assert.All(rows, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Equal(6, delivered.Count);
        // The same Message-ID from the first try to the delivery, and every message once.
        Assert.Equal(rows.Select(m => m.MessageId).Order(), delivered.Select(m => m.MessageId).Order());

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await DispatchAsync());
        Assert.Equal(6, smtp.Messages().Count);
    }

    [Fact]
    public async Task A_permanent_refusal_fails_the_message_shows_on_outgoing_mail_and_can_be_retried()
    {
        await portal.AddPortalContactAsync(staff, account.AccountId, "reject-permanent@outbox.test", "Gone Away");
        await portal.AddPortalContactAsync(staff, account.AccountId, "ann@outbox.test", "Ann");
        await DispatchAsync();

        var failed = (await OutboxAsync()).Single(m => m.ToAddress == "reject-permanent@outbox.test");
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.StartsWith("550", failed.LastError);
        Assert.Single(smtp.MessagesTo("ann@outbox.test"));

        // A second dispatch does not try a failed message again by itself.
        clock.Advance(TimeSpan.FromHours(1));
        await DispatchAsync();
        Assert.Equal(1, (await OutboxAsync()).Single(m => m.Id == failed.Id).Attempts);

        var outgoing = portal.Get<OutgoingMailService>();
        var row = (await outgoing.ListAsync(admin, OutboxStatus.Failed, 0, 50)).Items.Single();
        Assert.Equal(("reject-permanent@outbox.test", failed.LastError), (row.ToAddress, row.LastError));
        Assert.Equal(1, await outgoing.CountFailedAsync(admin));
        await Assert.ThrowsAsync<ApprovalsPortal.Features.Shared.PortalRuleException>(() => outgoing.ListAsync(staff, null, 0, 50));

        await outgoing.RetryAsync(admin, failed.Id);
        Assert.Equal(OutboxStatus.Pending, (await OutboxAsync()).Single(m => m.Id == failed.Id).Status);
        await DispatchAsync();
        Assert.Equal(OutboxStatus.Failed, (await OutboxAsync()).Single(m => m.Id == failed.Id).Status);
    }

    [Fact]
    public async Task Retry_all_failed_queues_every_failed_message_again_and_leaves_the_others()
    {
        await portal.AddPortalContactAsync(staff, account.AccountId, "reject-permanent@outbox.test", "Gone Away");
        await portal.AddPortalContactAsync(staff, account.AccountId, "reject-permanent-too@outbox.test", "Also Gone");
        await portal.AddPortalContactAsync(staff, account.AccountId, "ann@outbox.test", "Ann");
        await DispatchAsync();
        var before = await OutboxAsync();
        Assert.Equal(2, before.Count(m => m.Status == OutboxStatus.Failed));

        var outgoing = portal.Get<OutgoingMailService>();
        await Assert.ThrowsAsync<ApprovalsPortal.Features.Shared.PortalRuleException>(() => outgoing.RetryAllFailedAsync(staff));
        Assert.Equal(2, await outgoing.RetryAllFailedAsync(admin));

        var after = await OutboxAsync();
        Assert.Equal(2, after.Count(m => m.ToAddress.StartsWith("reject-", StringComparison.Ordinal) && m.Status == OutboxStatus.Pending));
        Assert.Equal(OutboxStatus.Sent, after.Single(m => m.ToAddress == "ann@outbox.test").Status);
        Assert.Equal(0, await outgoing.CountFailedAsync(admin));
        Assert.Equal(0, await outgoing.RetryAllFailedAsync(admin));
    }

    [Fact]
    public async Task A_message_that_cannot_be_built_fails_alone_and_the_queue_goes_on()
    {
        await using (var db = portal.NewDb())
        {
            var now = clock.GetUtcNow().UtcDateTime;
            db.OutboxMessages.Add(new OutboxMessage { MessageId = "broken@test", ToAddress = "ann smith@@outbox", ToName = "Broken", Subject = "Broken", CreatedAt = now, NextAttemptAt = now });
            await db.SaveChangesAsync();
        }
        await portal.AddPortalContactAsync(staff, account.AccountId, "ann@outbox.test", "Ann");

        await DispatchAsync();

        var rows = await OutboxAsync();
        Assert.Equal(OutboxStatus.Failed, rows[0].Status);
        Assert.StartsWith("The message could not be sent", rows[0].LastError);
        Assert.Equal(OutboxStatus.Sent, rows[1].Status);
        Assert.Single(smtp.MessagesTo("ann@outbox.test"));
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_with_growing_delays()
    {
        await portal.AddPortalContactAsync(staff, account.AccountId, "reject-temporary@outbox.test", "Busy Box");
        var start = clock.GetUtcNow().UtcDateTime;
        await DispatchAsync();
        var first = (await OutboxAsync()).Single();
        Assert.Equal((OutboxStatus.Pending, 1, start.AddMinutes(1)), (first.Status, first.Attempts, first.NextAttemptAt));
        Assert.StartsWith("451", first.LastError);

        // Not before it is due.
        clock.Advance(TimeSpan.FromSeconds(30));
        await DispatchAsync();
        Assert.Equal(1, (await OutboxAsync()).Single().Attempts);

        clock.Advance(TimeSpan.FromSeconds(30));
        await DispatchAsync();
        var second = (await OutboxAsync()).Single();
        Assert.Equal((2, clock.GetUtcNow().UtcDateTime.AddMinutes(2)), (second.Attempts, second.NextAttemptAt));
    }

    public async Task DisposeAsync()
    {
        await portal.DisposeAsync();
        smtp.Dispose();
    }
}
