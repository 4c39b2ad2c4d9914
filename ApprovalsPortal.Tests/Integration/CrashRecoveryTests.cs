using System.Security.Cryptography;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// The real program killed with SIGKILL while its reminder sweep and its outbox work, then started again: nothing
/// committed is lost, every reminder is written once, and no email reaches the mail server twice (one the portal was
/// handing over when killed is failed for an admin to check, never sent again on its own).
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);
    private const int Accounts = 30;
    private const int DocumentsPerAccount = 3;
    private readonly TempDataFolder data = new();
    private readonly SmtpSink sink = SmtpSink.Start();

    [Fact]
    public async Task Killing_the_portal_during_the_reminder_sweep_and_its_emails_loses_nothing_and_sends_nothing_twice()
    {
        await PrepareDueRemindersAsync();
        IReadOnlyList<int> reminded;
        IReadOnlyList<string> sent;
        var environment = sink.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Portal__DataFolder"] = data.Path;

        // Killed as soon as the sweep has written reminders and the outbox has handed some email over.
        using (var first = new PortalProcess(environment))
        {
            await first.WaitUntilAsync(async () => await CountAsync(m => m.DeduplicationKey != null) > 0 && sink.Messages().Count > 0, Wait);
            // What had been committed just before the kill: the reminders written and the emails marked sent.
            reminded = await RemindedItemIdsAsync();
            sent = await SentMessageIdsAsync();
            first.Kill();
        }

        using (var second = new PortalProcess(environment))
        {
            await second.WaitUntilListeningAsync(Wait);
            // Every item's reminder written, and the outbox done with every message.
            await second.WaitUntilAsync(async () =>
                await ItemsRemindedAsync() == Accounts * DocumentsPerAccount &&
                await CountAsync(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending) == 0, Wait);
        }

        await using var db = Db();
        // Nothing committed before the kill is lost or done again: those items still count one reminder, those
        // messages are still marked sent.
        Assert.Empty(reminded.Except(await RemindedItemIdsAsync()));
        Assert.Empty(sent.Except(await SentMessageIdsAsync()));
        var messages = await db.OutboxMessages.AsNoTracking().ToListAsync();
        var received = sink.Messages().Select(m => m.MessageId).ToList();
        Assert.Equal(received.Count, received.Distinct().Count());
        // Every message marked sent reached the server; the only ones not marked sent are those cut off mid-hand-over.
        Assert.Empty(messages.Where(m => m.Status == OutboxStatus.Sent).Select(m => m.MessageId).Except(received));
        Assert.All(messages.Where(m => m.Status != OutboxStatus.Sent), m => Assert.Equal(OutboxDispatcher.InterruptedReason, m.LastError));
        Assert.True(messages.Count(m => m.Status != OutboxStatus.Sent) <= 1, "More than one message was being handed over at the kill.");
        // One reminder per item: the keys are unique, and every item counts exactly one.
        Assert.Equal(await db.ActionItems.CountAsync(), await db.ActionItems.CountAsync(i => i.RemindersSent == 1));
        // The documents written before are all there, each with its bytes.
        var documents = await db.Documents.AsNoTracking().ToListAsync();
        Assert.Equal(Accounts * DocumentsPerAccount, documents.Count);
        foreach (var document in documents)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(data.Path, "files", document.Sha256[..2], document.Sha256));
            Assert.Equal(document.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    /// <summary>Accounts with a notified contact and documents awaiting approval, through the real services; then every reminder is made due.</summary>
    private async Task PrepareDueRemindersAsync()
    {
        await using (var portal = await PortalServices.StartAsync(new Dictionary<string, string?> { ["Portal:DataFolder"] = data.Path }))
        {
            var staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
            var approvals = portal.Get<ApprovalService>();
            for (var a = 0; a < Accounts; a++)
            {
                var account = await portal.CreateAccountAsync(staff, $"Crash {a} Ltd");
                await portal.AddPortalContactAsync(staff, account.AccountId, $"client{a}@crash.test", $"Client {a}");
                for (var d = 0; d < DocumentsPerAccount; d++)
                {
                    var document = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, $"Statement {a}-{d}.txt", SampleFiles.Text($"Statement {a}-{d}\n"));
                    await approvals.RequestAsync(staff, document, new ApprovalInput("Please approve.", true, 3, 1));
                }
            }
        }
        await using var db = Db();
        await db.ActionItems.ExecuteUpdateAsync(s => s.SetProperty(i => i.NextReminderAt, DateTime.UtcNow.AddDays(-1)));
    }

    private AppDbContext Db() => PortalProcess.OpenDatabase(data.Path);

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> where)
    {
        await using var db = Db();
        return await db.OutboxMessages.CountAsync(where);
    }

    private async Task<IReadOnlyList<int>> RemindedItemIdsAsync()
    {
        await using var db = Db();
        return await db.ActionItems.Where(i => i.RemindersSent > 0).Select(i => i.Id).ToListAsync();
    }

    private async Task<IReadOnlyList<string>> SentMessageIdsAsync()
    {
        await using var db = Db();
        return await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sent).Select(m => m.MessageId).ToListAsync();
    }

    private async Task<int> ItemsRemindedAsync()
    {
        await using var db = Db();
        return await db.ActionItems.CountAsync(i => i.RemindersSent > 0);
    }

    public void Dispose()
    {
        sink.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        data.Dispose();
    }
}
