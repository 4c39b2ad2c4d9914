using System.Security.Cryptography;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Features.Signatures;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>E-signatures through the real services and a real SQLite file, with a fake clock for reminders.</summary>
public sealed class SignatureWorkflowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private PortalServices portal = default!;
    private PortalUser admin = default!;
    private PortalUser staff = default!;
    private PortalUser olivia = default!;
    private PortalUser noah = default!;
    private PortalUser bystander = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;
    private int oliviaContact, noahContact;
    private long invitationsUpTo;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await portal.CreateAccountAsync(staff, "Bakery Ltd");
        olivia = await portal.AddPortalContactAsync(staff, account.AccountId, "olivia@bakery.test", "Olivia Baker");
        noah = await portal.AddPortalContactAsync(staff, account.AccountId, "noah@bakery.test", "Noah Baker", notify: false);
        bystander = await portal.AddPortalContactAsync(staff, account.AccountId, "bea@bakery.test", "Bea Bystander");
        await using var db = portal.NewDb();
        oliviaContact = await db.Contacts.Where(c => c.Email == "olivia@bakery.test").Select(c => c.Id).SingleAsync();
        noahContact = await db.Contacts.Where(c => c.Email == "noah@bakery.test").Select(c => c.Id).SingleAsync();
        invitationsUpTo = await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private SignatureService Signatures => portal.Get<SignatureService>();
    private SignatureSigning Signing => portal.Get<SignatureSigning>();

    private Task<int> UploadPdfAsync(string name = "Engagement letter.pdf") =>
        portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, name, SampleFiles.Pdf("Engagement letter"));

    private Task<int> RequestAsync(int documentId, bool inOrder, ReminderSettings? reminders = null, int? jobId = null) =>
        Signatures.RequestAsync(staff, documentId, new SignatureInput([oliviaContact, noahContact], inOrder, "Please sign.", reminders ?? new ReminderSettings(false, 3, 1), jobId));

    private async Task<List<string>> MailToAsync()
    {
        await using var db = portal.NewDb();
        return await db.OutboxMessages.Where(m => m.Id > invitationsUpTo).OrderBy(m => m.Id).Select(m => m.ToAddress).ToListAsync();
    }

    private static SignInput Typed(string name) => new(true, name, null);

    [Fact]
    public async Task Signers_in_order_are_asked_one_after_another_and_the_last_signature_writes_the_signed_copy_beside_the_unchanged_original()
    {
        var pipelines = portal.Get<PipelineService>();
        var pipeline = await pipelines.CreateAsync(admin, "Onboarding");
        var signing = await pipelines.AddStageAsync(admin, pipeline, "Engagement letter");
        await pipelines.AddStageAsync(admin, pipeline, "Work");
        await pipelines.ConfigureStageAsync(admin, signing, automove: true, automation: null);
        var job = await portal.Get<JobChanges>().CreateAsync(staff, new JobInput(account.AccountId, "Onboarding 2026", signing, staff.UserId, null));

        var documentId = await UploadPdfAsync();
        var originalSha = (await portal.Get<DocumentService>().GetAsync(staff, documentId))!.Sha256;
        var id = await RequestAsync(documentId, inOrder: true, jobId: job);

        // Only the first signer is emailed and has the to-do; the bystander contact is not asked at all.
        Assert.Equal(["olivia@bakery.test"], await MailToAsync());
        var pending = portal.Get<PendingActionService>();
        Assert.Contains(await pending.ListAsync(olivia), t => t.ItemId == id);
        Assert.DoesNotContain(await pending.ListAsync(noah), t => t.ItemId == id);
        Assert.DoesNotContain(await pending.ListAsync(bystander), t => t.ItemId == id);
        Assert.False((await Signing.GetAsync(noah, id))!.CanSignNow);
        var early = await Assert.ThrowsAsync<PortalRuleException>(() => Signing.SignAsync(noah, id, Typed("Noah Baker"), "10.0.0.2"));
        Assert.Contains("not your turn", early.Message);

        Assert.False(await Signing.SignAsync(olivia, id, Typed("Olivia Baker"), "10.0.0.1"));
        Assert.Equal(SignatureStatus.PartlySigned, (await Signatures.GetAsync(staff, id)).Status);
        Assert.Equal(["olivia@bakery.test", "noah@bakery.test"], await MailToAsync());
        Assert.Contains(await pending.ListAsync(noah), t => t.ItemId == id);
        Assert.DoesNotContain(await pending.ListAsync(olivia), t => t.ItemId == id);

        Assert.True(await Signing.SignAsync(noah, id, new SignInput(true, "Noah Baker", SampleFiles.Png()), "10.0.0.2"));
        var details = await Signatures.GetAsync(staff, id);
        Assert.Equal(SignatureStatus.SignedByAll, details.Status);
        Assert.Equal("Engagement letter (signed).pdf", details.SignedDocumentName);
        Assert.Equal(originalSha, details.OriginalSha256);

        // The original is unchanged, byte for byte; the copy holds its pages and a certificate page after them.
        var documents = portal.Get<DocumentService>();
        var original = (await documents.GetFileAsync(staff, documentId))!;
        Assert.Equal(originalSha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(original.PhysicalPath))));
        var copy = (await documents.GetFileAsync(olivia, details.SignedDocumentId!.Value))!;
        var copyDetails = (await documents.GetAsync(staff, details.SignedDocumentId.Value))!;
        Assert.Equal(account.SharedFolderId, copyDetails.FolderId);
        using (var originalPdf = PdfDocument.Open(original.PhysicalPath))
        using (var signedPdf = PdfDocument.Open(copy.PhysicalPath))
        {
            Assert.Equal(originalPdf.NumberOfPages + 1, signedPdf.NumberOfPages);
            Assert.Equal(originalPdf.GetPage(1).Text, signedPdf.GetPage(1).Text);
            var certificate = signedPdf.GetPage(signedPdf.NumberOfPages).Text;
            foreach (var expected in new[] { "Signature certificate", originalSha, "Olivia Baker", "olivia@bakery.test", "Noah Baker", "noah@bakery.test",
                         "10.0.0.1", "10.0.0.2", "2026-03-02 09:00:00 UTC" })
                Assert.Contains(expected, certificate);
            // Noah drew: his drawing is on the certificate page.
            Assert.NotEmpty(signedPdf.GetPage(signedPdf.NumberOfPages).GetImages());
        }

        // Staff are told; the job moved on (signed by all is done); the trails say what happened.
        await using (var db = portal.NewDb())
            Assert.True(await db.StaffNotifications.AnyAsync(n => n.UserId == staff.UserId && n.ActionItemId == id));
        Assert.Equal("Work", (await portal.Get<JobService>().GetAsync(staff, job)).Job.StageName);
        var trail = await portal.Get<Features.Audit.AuditService>().TrailAsync(staff, documentId);
        Assert.Contains(trail, e => e.Details.Contains("Signed by all"));
        Assert.Contains(await portal.Get<Features.Audit.AuditService>().TrailAsync(staff, details.SignedDocumentId.Value), e => e.Details.Contains(originalSha));
    }

    [Fact]
    public async Task Reminders_go_to_those_who_have_not_signed_and_stop_when_everyone_has()
    {
        var id = await RequestAsync(await UploadPdfAsync(), inOrder: false, new ReminderSettings(true, 3, 3));
        Assert.Equal(["olivia@bakery.test", "noah@bakery.test"], await MailToAsync());
        var sweep = portal.Get<ReminderSweep>();

        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await sweep.SweepAsync());
        Assert.Equal(["olivia@bakery.test", "noah@bakery.test", "olivia@bakery.test", "noah@bakery.test"], await MailToAsync());

        await Signing.SignAsync(olivia, id, Typed("Olivia Baker"), "10.0.0.1");
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await sweep.SweepAsync());
        Assert.Equal("noah@bakery.test", (await MailToAsync())[^1]);
        Assert.Equal(5, (await MailToAsync()).Count);

        await Signing.SignAsync(noah, id, Typed("Noah Baker"), "10.0.0.2");
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await sweep.SweepAsync());
    }

    [Fact]
    public async Task A_request_whose_signer_was_removed_never_goes_to_the_rest_of_the_account()
    {
        var id = await Signatures.RequestAsync(staff, await UploadPdfAsync(), new SignatureInput([noahContact], false, "", new ReminderSettings(true, 3, 2)));
        await portal.Get<Features.Accounts.ContactService>().RemoveAsync(staff, noahContact);
        var before = (await MailToAsync()).Count;

        clock.Advance(TimeSpan.FromDays(3));
        await portal.Get<ReminderSweep>().SweepAsync();
        Assert.Equal(before, (await MailToAsync()).Count);
        Assert.DoesNotContain(await portal.Get<PendingActionService>().ListAsync(olivia), t => t.ItemId == id);
        Assert.DoesNotContain(await portal.Get<PendingActionService>().ListAsync(bystander), t => t.ItemId == id);
    }

    [Fact]
    public async Task Cancelling_stops_the_reminders_and_nobody_can_sign_after()
    {
        var id = await RequestAsync(await UploadPdfAsync(), inOrder: false, new ReminderSettings(true, 3, 3));
        await Signatures.CancelAsync(staff, id);
        clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(0, await portal.Get<ReminderSweep>().SweepAsync());
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => Signing.SignAsync(olivia, id, Typed("Olivia Baker"), "10.0.0.1"));
        Assert.Contains("no longer asked", refused.Message);
        Assert.Equal(SignatureStatus.Cancelled, (await Signatures.GetAsync(staff, id)).Status);
    }

    [Fact]
    public async Task Signatures_are_asked_only_on_shared_pdfs_once_at_a_time_and_given_only_by_the_signers_as_asked()
    {
        var text = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Notes.txt", SampleFiles.Text());
        var notPdf = await Assert.ThrowsAsync<PortalRuleException>(() => RequestAsync(text, false));
        Assert.Contains("PDF documents only", notPdf.Message);
        var hidden = await portal.UploadAsync(staff, account.AccountId, account.InternalFolderId, "Internal.pdf", SampleFiles.Pdf());
        Assert.Contains("folder the client can view", (await Assert.ThrowsAsync<PortalRuleException>(() => RequestAsync(hidden, false))).Message);

        var documentId = await UploadPdfAsync();
        var id = await RequestAsync(documentId, false);
        Assert.Contains("being collected", (await Assert.ThrowsAsync<PortalRuleException>(() => RequestAsync(documentId, false))).Message);

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Signing.SignAsync(bystander, id, Typed("Bea Bystander"), "10.0.0.3"));
        Assert.Contains("Tick the box", (await Assert.ThrowsAsync<PortalRuleException>(() => Signing.SignAsync(olivia, id, new SignInput(false, "Olivia", null), "x"))).Message);
        Assert.Contains("Type your full name", (await Assert.ThrowsAsync<PortalRuleException>(() => Signing.SignAsync(olivia, id, new SignInput(true, " ", null), "x"))).Message);
        Assert.Contains("could not be read", (await Assert.ThrowsAsync<PortalRuleException>(() => Signing.SignAsync(olivia, id, new SignInput(true, "Olivia", new byte[500]), "x"))).Message);
        Assert.Contains("read-only", (await Assert.ThrowsAsync<PortalRuleException>(() => Signing.SignAsync(olivia with { ReadOnly = true }, id, Typed("Olivia Baker"), "x"))).Message);

        await Signing.SignAsync(olivia, id, Typed("Olivia Baker"), "10.0.0.1");
        Assert.Contains("signed this document already", (await Assert.ThrowsAsync<PortalRuleException>(() => Signing.SignAsync(olivia, id, Typed("Olivia Baker"), "10.0.0.1"))).Message);
    }

    [Fact]
    public async Task Two_signers_at_the_same_moment_end_with_both_signatures_and_one_signed_copy()
    {
        var id = await RequestAsync(await UploadPdfAsync(), inOrder: false);
        var results = await Task.WhenAll(
            Task.Run(() => TrySignAsync(olivia, "Olivia Baker")),
            Task.Run(() => TrySignAsync(noah, "Noah Baker")));
        // One may lose the race and is told to try again: nothing is lost, and the retry succeeds.
        if (!results[0]) await portal.Get<SignatureSigning>().SignAsync(olivia, id, Typed("Olivia Baker"), "10.0.0.1");
        if (!results[1]) await portal.Get<SignatureSigning>().SignAsync(noah, id, Typed("Noah Baker"), "10.0.0.2");

        var details = await Signatures.GetAsync(staff, id);
        Assert.Equal(SignatureStatus.SignedByAll, details.Status);
        Assert.All(details.Signers, s => Assert.NotNull(s.SignedAt));
        await using var db = portal.NewDb();
        Assert.Equal(1, await db.Documents.CountAsync(d => d.Name == "Engagement letter (signed).pdf"));

        async Task<bool> TrySignAsync(PortalUser who, string name)
        {
            try
            {
                await portal.Get<SignatureSigning>().SignAsync(who, id, Typed(name), "10.0.0.9");
                return true;
            }
            catch (PortalRuleException)
            {
                return false;
            }
        }
    }
}
