using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Signatures;

/// <summary>
/// Staff's side of signatures: asking them on a PDF, and reading where they stand. Resends, reminders and
/// cancelling are the core's, on the request's item.
/// </summary>
public sealed class SignatureService(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemService items,
    FileStore files,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<SignatureService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Signatures follow the approval defaults: the firm set one rhythm for asking its clients.</summary>
    public ReminderSettings DefaultReminders => new(options.Value.Approvals.RemindersOn, options.Value.Approvals.ReminderIntervalDays, options.Value.Approvals.ReminderCount);

    public async Task<SignatureRequestContext> GetRequestContextAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.AsNoTracking().Where(d => d.Id == documentId)
            .Select(d => new { d.Id, d.Name, d.ClientAccountId, d.ContentType, d.Folder!.Access })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundOrForbiddenException("The document");
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.ClientAccountId == doc.ClientAccountId && c.PortalAccess).OrderBy(c => c.Name)
            .Select(c => new SignerChoice(c.Id, c.Name, c.Email)).ToListAsync(ct);
        var current = (await StatesAsync(db, [documentId], ct)).GetValueOrDefault(documentId);
        var reason = SignatureRules.CannotRequestReason(doc.ContentType, doc.Access, contacts.Count, current?.IsWaiting == true);
        return new SignatureRequestContext(doc.Id, doc.Name, doc.ClientAccountId, reason, contacts, await items.ListJobsAsync(actor, doc.ClientAccountId, ct), DefaultReminders, current);
    }

    /// <summary>Who may sign an account's documents, for asking at upload (before there is a document).</summary>
    public async Task<SignatureRequestContext> GetAccountContextAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.ClientAccountId == accountId && c.PortalAccess).OrderBy(c => c.Name)
            .Select(c => new SignerChoice(c.Id, c.Name, c.Email)).ToListAsync(ct);
        var reason = contacts.Count == 0 ? "No contact of this account has portal access: turn it on for a contact first." : null;
        return new SignatureRequestContext(0, "", accountId, reason, contacts, await items.ListJobsAsync(actor, accountId, ct), DefaultReminders, null);
    }

    /// <summary>
    /// Asks the chosen contacts to sign: the first (or all, when not in order) are emailed and get a to-do; the
    /// others are asked as their turn comes. Returns the request's id.
    /// </summary>
    public async Task<int> RequestAsync(PortalUser actor, int documentId, SignatureInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        var errors = SignatureRules.Validate(input);
        if (errors.Count > 0) throw new PortalRuleException(string.Join(" ", errors));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.Include(d => d.Folder).SingleOrDefaultAsync(d => d.Id == documentId, ct) ?? throw new NotFoundOrForbiddenException("The document");
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.ClientAccountId == doc.ClientAccountId && c.PortalAccess && input.SignerContactIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new SignerChoice(c.Id, c.Name, c.Email), ct);
        if (contacts.Count != input.SignerContactIds.Count) throw new PortalRuleException("Every signer must be a contact of this account with portal access.");
        var waiting = await db.SignatureRequests.AnyAsync(r => r.DocumentId == documentId
            && (r.Item.Status == ActionItemStatus.Pending || r.Item.Status == ActionItemStatus.InProgress), ct);
        if (SignatureRules.CannotRequestReason(doc.ContentType, doc.Folder!.Access, contacts.Count, waiting) is { } reason) throw new PortalRuleException(reason);
        await using (var pdf = File.OpenRead(files.PathFor(doc.Sha256)))
        {
            if (!SignedCopy.CanImport(pdf)) throw new PortalRuleException("This PDF cannot be signed here: it is protected by a password or damaged. Upload an unprotected copy.");
        }

        var now = Now;
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var jobName = input.JobId is { } jobId ? await items.LinkingJobAsync(db, doc.ClientAccountId, jobId, [doc.Name], actor, ct) : null;
        var request = SignatureRequest.Send(doc.ClientAccountId, doc.Id, doc.Name, doc.Sha256, input.SignerContactIds.Select(id => contacts[id]).ToList(), input.InOrder,
            input.Message, input.Reminders, actor, now, input.JobId, jobName);
        db.SignatureRequests.Add(request);
        doc.LastActivityAt = now;
        await db.SaveChangesAsync(ct);
        // The emails' links name the request, so it is saved first, in the same transaction.
        await items.SendAsync(db, request.Item, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Signatures on document {DocumentId} asked of {Count} signers by {UserId}", documentId, contacts.Count, actor.UserId);
        items.Published([request.Item], PortalEventKind.ItemRequested);
        return request.Id;
    }

    public async Task ResendAsync(PortalUser actor, int requestId, ResendInput input, CancellationToken ct = default)
    {
        await EnsureAsync(actor, requestId, ct);
        await items.ResendAsync(actor, requestId, input, ct);
    }

    public async Task ChangeRemindersAsync(PortalUser actor, int requestId, ReminderSettings reminders, CancellationToken ct = default)
    {
        await EnsureAsync(actor, requestId, ct);
        await items.ChangeRemindersAsync(actor, requestId, reminders, ct);
    }

    /// <summary>Withdraws the request: to-dos and reminders end; signatures given so far stay recorded, and no copy is made.</summary>
    public async Task CancelAsync(PortalUser actor, int requestId, CancellationToken ct = default)
    {
        await EnsureAsync(actor, requestId, ct);
        await items.CancelAsync(actor, requestId, ct);
    }

    public async Task<SignatureDetails> GetAsync(PortalUser actor, int requestId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.SignatureRequests.AsNoTracking().Include(r => r.Signers).Include(r => r.Item).ThenInclude(i => i.Addressees).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new NotFoundOrForbiddenException("The signature request");
        var names = await db.Documents.IgnoreQueryFilters().AsNoTracking().Where(d => d.Id == request.DocumentId || d.Id == request.SignedDocumentId)
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var accountName = await db.ClientAccounts.Where(a => a.Id == request.Item.ClientAccountId).Select(a => a.Name).SingleAsync(ct);
        var item = await db.ActionItems.AsNoTracking().Where(i => i.Id == requestId).Select(ActionItemService.ToSummary).SingleAsync(ct);
        var jobName = request.Item.JobId is { } jobId ? (await items.JobNamesAsync([jobId], ct)).GetValueOrDefault(jobId) : null;
        return new SignatureDetails(request.Id, request.Item.ClientAccountId, accountName, request.DocumentId, names.GetValueOrDefault(request.DocumentId, request.Item.Title),
            request.InOrder, request.OriginalSha256, request.Status, item, Rows(request), request.SignedDocumentId,
            request.SignedDocumentId is { } signed ? names.GetValueOrDefault(signed) : null, request.Item.JobId, jobName);
    }

    /// <summary>The latest signature request of each of these documents, for lists and the viewer.</summary>
    public async Task<IReadOnlyDictionary<int, SignatureState>> ListStatesAsync(PortalUser actor, IReadOnlyCollection<int> documentIds, CancellationToken ct = default)
    {
        actor.RequireStaff();
        if (documentIds.Count == 0) return new Dictionary<int, SignatureState>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await StatesAsync(db, documentIds, ct);
    }

    /// <summary>The latest request per document, cancelled ones included (lists say so), with its signers.</summary>
    internal static async Task<Dictionary<int, SignatureState>> StatesAsync(AppDbContext db, IReadOnlyCollection<int> documentIds, CancellationToken ct)
    {
        var latest = db.SignatureRequests.Where(r => documentIds.Contains(r.DocumentId))
            .GroupBy(r => r.DocumentId).Select(g => g.Max(r => r.Id));
        var requests = await db.SignatureRequests.AsNoTracking().Where(r => latest.Contains(r.Id))
            .Include(r => r.Signers).Include(r => r.Item).ThenInclude(i => i.Addressees).AsSplitQuery().ToListAsync(ct);
        return requests.ToDictionary(r => r.DocumentId, r => new SignatureState(r.Id, r.DocumentId, r.Status, Rows(r), r.SignedDocumentId));
    }

    internal static IReadOnlyList<SignerRow> Rows(SignatureRequest request) =>
        request.Signers.OrderBy(s => s.Position).Select(s => new SignerRow(s.ContactId, s.Name, s.Email, s.Position, s.SignedAt, s.SignedName, s.Drawing is not null,
            s.IpAddress, request.Item.Status.IsWaiting() && request.Item.Addressees.Any(a => a.ContactId == s.ContactId && a.Waiting))).ToList();

    private async Task EnsureAsync(PortalUser actor, int requestId, CancellationToken ct)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.SignatureRequests.AnyAsync(r => r.Id == requestId, ct)) throw new NotFoundOrForbiddenException("The signature request");
    }
}
