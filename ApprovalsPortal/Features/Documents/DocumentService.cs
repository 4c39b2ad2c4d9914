using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Documents;

/// <summary>
/// Uploading, opening, renaming, moving and deleting documents, and an account's folders with their counts. Every
/// change is audited in its own transaction; features built on documents follow through <see cref="IDocumentChangeParticipant"/>.
/// </summary>
public sealed class DocumentService(
    IDbContextFactory<AppDbContext> dbFactory,
    FileStore files,
    PortalEvents events,
    IEnumerable<IDocumentChangeParticipant> participants,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<DocumentService> logger,
    IDocumentLocks? locks = null)
{
    public const int MaxTextPreviewBytes = 256 * 1024;
    public const int MaxDescriptionLength = 1000;

    public async Task<DocumentDetails?> GetAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Documents.AsNoTracking().VisibleTo(db, actor).Where(d => d.Id == documentId)
            .Select(d => new DocumentDetails(d.Id, d.Name, d.Description, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedByName,
                d.UploadedAt, d.ClientAccountId, d.ClientAccount!.Name, d.FolderId, d.Folder!.Name, d.Folder.Access, d.LockedByInvoiceId))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The account's folders, client-visible first, with how many documents each holds.</summary>
    public async Task<IReadOnlyList<FolderRow>> ListFoldersAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Folders.AsNoTracking().Where(f => f.ClientAccountId == accountId)
            .OrderBy(f => f.Access).ThenBy(f => f.Name)
            .Select(f => new FolderRow(f.Id, f.Name, f.Access, db.Documents.Count(d => d.FolderId == f.Id)))
            .ToListAsync(ct);
    }

    public async Task<DocumentStats> GetStatsAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var docs = db.Documents.AsNoTracking().Where(d => d.ClientAccountId == accountId);
        return new DocumentStats(await docs.CountAsync(ct), await docs.MaxAsync(d => (DateTime?)d.UploadedAt, ct));
    }

    /// <summary>Null when the caller may not see the document: the endpoint answers 404 and reveals nothing.</summary>
    public async Task<DocumentFile?> GetFileAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.AsNoTracking().OpenableBy(db, actor).Where(d => d.Id == documentId)
            .Select(d => new { d.Name, d.ContentType, d.Sha256 }).SingleOrDefaultAsync(ct);
        return doc is null ? null : new DocumentFile(doc.Name, doc.ContentType, files.PathFor(doc.Sha256));
    }

    public async Task<string?> ReadTextPreviewAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        var file = await GetFileAsync(actor, documentId, ct);
        if (file is null || !File.Exists(file.PhysicalPath)) return null;
        await using var stream = File.OpenRead(file.PhysicalPath);
        var buffer = new byte[Math.Min(stream.Length, MaxTextPreviewBytes)];
        await stream.ReadExactlyAsync(buffer, ct);
        using var reader = new StreamReader(new MemoryStream(buffer), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>
    /// Receives and checks one file and puts it in the file store (named by its hash, so storing it twice is
    /// harmless); it becomes a document when its upload is saved. A refusal (type, size, content) comes back as an
    /// outcome naming the reason, so the caller can go on with the other files of the same upload.
    /// </summary>
    public async Task<StageOutcome> StageAsync(PortalUser actor, UploadRequest request, Stream content, IProgress<long>? progress, CancellationToken ct = default)
    {
        actor.RequireStaff();
        var limits = options.Value.Uploads;
        if (request.Description.Trim().Length > MaxDescriptionLength) return new StageOutcome(request.FileName, null, DescriptionTooLong);
        var claim = UploadValidator.CheckClaim(request.FileName, request.Size, limits);
        if (!claim.Accepted) return new StageOutcome(request.FileName, null, claim.Reason);

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.Folders.AnyAsync(f => f.Id == request.FolderId && f.ClientAccountId == request.AccountId, ct))
                throw new NotFoundOrForbiddenException("The folder");
        }

        return await StageCheckedAsync(request.FileName, request.Size, content, progress, ct);
    }

    /// <summary>
    /// The checks and storing of <see cref="StageAsync"/> for a file whose place the caller has already authorized
    /// (a client's answer to a request's file question): type, size and content, with the same messages.
    /// </summary>
    public async Task<StageOutcome> StageCheckedAsync(string fileName, long claimedSize, Stream content, IProgress<long>? progress, CancellationToken ct = default)
    {
        var limits = options.Value.Uploads;
        var claim = UploadValidator.CheckClaim(fileName, claimedSize, limits);
        if (!claim.Accepted) return new StageOutcome(fileName, null, claim.Reason);
        await using var staged = await files.StageAsync(content, limits.MaxFileSizeBytes, progress, ct);
        if (staged is null)
            return new StageOutcome(fileName, null, $"The file is larger than the limit of {limits.MaxFileSizeMegabytes} MB.");

        UploadCheck check;
        await using (var read = staged.OpenRead())
        {
            check = UploadValidator.CheckContent(fileName, staged.Size, read, limits);
        }
        if (!check.Accepted) return new StageOutcome(fileName, null, check.Reason);

        files.Commit(staged);
        return new StageOutcome(fileName, new StagedUpload(fileName, check.ContentType, staged.Size, staged.Sha256), null);
    }

    /// <summary>
    /// A new document for a checked and stored file, audited as uploaded by <paramref name="by"/>, for a feature
    /// that adds it in its own transaction (a submitted request's files); the caller publishes its change.
    /// </summary>
    public static Document NewDocument(int accountId, int folderId, string folderName, StagedUpload file, string description, PortalUser by, DateTime now, string auditDetails)
    {
        var document = new Document
        {
            ClientAccountId = accountId,
            FolderId = folderId,
            Name = CleanFileName(file.FileName),
            Description = description.Length > MaxDescriptionLength ? description[..MaxDescriptionLength] : description,
            ContentType = file.ContentType,
            SizeBytes = file.Size,
            Sha256 = file.Sha256,
            UploadedByUserId = by.UserId,
            UploadedByName = by.Name,
            UploadedAt = now,
            LastActivityAt = now,
        };
        document.Record(by, AuditAction.Uploaded, $"Uploaded to \"{folderName}\" ({FileSizes.Format(file.Size)}){auditDetails}", now);
        return document;
    }

    /// <summary>
    /// Turns an upload's checked files into documents in one transaction. <paramref name="alongside"/> lets a feature
    /// built on documents add its own rows to the same transaction (approval requests for the new documents, say),
    /// so either everything is saved or nothing is. Returns the new documents' ids in the files' order.
    /// </summary>
    public async Task<IReadOnlyList<int>> SaveUploadsAsync(PortalUser actor, UploadBatch batch, Func<AppDbContext, IReadOnlyList<Document>, Task>? alongside = null, CancellationToken ct = default)
    {
        actor.RequireStaff();
        var description = batch.Description.Trim();
        if (description.Length > MaxDescriptionLength) throw new PortalRuleException(DescriptionTooLong);
        if (batch.Files.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var folder = await db.Folders.AsNoTracking().SingleOrDefaultAsync(f => f.Id == batch.FolderId && f.ClientAccountId == batch.AccountId, ct)
                     ?? throw new NotFoundOrForbiddenException("The folder");

        var now = clock.GetUtcNow().UtcDateTime;
        var documents = batch.Files.Select(file => NewDocument(batch.AccountId, folder.Id, folder.Name, file, description, actor, now, "")).ToList();

        await using (var transaction = await db.Database.BeginWriteTransactionAsync(ct))
        {
            if (batch.LockedByInvoiceId is { } lockId)
            {
                var name = await Locks.LockingAsync(db, batch.AccountId, lockId, ct);
                foreach (var document in documents)
                {
                    document.LockedByInvoiceId = lockId;
                    document.Record(actor, AuditAction.Locked, $"Locked until {name} is paid", now);
                }
            }
            db.Documents.AddRange(documents);
            await db.SaveChangesAsync(ct);
            if (alongside is not null) await alongside(db, documents);
            await transaction.CommitAsync(ct);
        }
        foreach (var document in documents)
        {
            logger.LogInformation("Document {DocumentId} uploaded to folder {FolderId} by {UserId}", document.Id, folder.Id, actor.UserId);
            Changed(document);
        }
        return documents.Select(d => d.Id).ToList();
    }

    /// <summary>One file, checked and saved (the demo data and scripts use this; the upload dialog saves its files together).</summary>
    public async Task<UploadOutcome> UploadAsync(PortalUser actor, UploadRequest request, Stream content, IProgress<long>? progress, CancellationToken ct = default)
    {
        var staged = await StageAsync(actor, request, content, progress, ct);
        if (!staged.Accepted) return new UploadOutcome(request.FileName, null, staged.Error);
        var ids = await SaveUploadsAsync(actor, new UploadBatch(request.AccountId, request.FolderId, request.Description, [staged.File!]), ct: ct);
        return new UploadOutcome(request.FileName, ids[0], null);
    }

    public async Task RenameAsync(PortalUser actor, int documentId, string newName, CancellationToken ct = default)
    {
        actor.RequireStaff();
        var name = CleanFileName(newName);
        if (name.Length == 0) throw new PortalRuleException("The document's name is required.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId, ct) ?? throw new NotFoundOrForbiddenException("The document");
        if (!Path.GetExtension(name).Equals(Path.GetExtension(doc.Name), StringComparison.OrdinalIgnoreCase))
            throw new PortalRuleException($"Keep the file's extension ({Path.GetExtension(doc.Name)}) so it still opens as the same kind of file.");
        if (name == doc.Name) return;
        var old = doc.Name;
        var now = clock.GetUtcNow().UtcDateTime;
        doc.Name = name;
        doc.LastActivityAt = now;
        doc.Record(actor, AuditAction.Renamed, $"Renamed from \"{old}\" to \"{name}\"", now);
        foreach (var participant in participants) await participant.RenamedAsync(db, doc, ct);
        await SaveRacingDecisionAsync(db, ct);
        Changed(doc);
    }

    public async Task UpdateDescriptionAsync(PortalUser actor, int documentId, string description, CancellationToken ct = default)
    {
        actor.RequireStaff();
        description = description.Trim();
        if (description.Length > MaxDescriptionLength) throw new PortalRuleException(DescriptionTooLong);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId, ct) ?? throw new NotFoundOrForbiddenException("The document");
        if (doc.Description == description) return;
        var now = clock.GetUtcNow().UtcDateTime;
        doc.Description = description;
        doc.LastActivityAt = now;
        doc.Record(actor, AuditAction.DescriptionChanged, "Description changed", now);
        await db.SaveChangesAsync(ct);
        Changed(doc);
    }

    /// <summary>Moves within the same account only: a document never crosses to another client.</summary>
    public async Task MoveAsync(PortalUser actor, int documentId, int targetFolderId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.Include(d => d.Folder).SingleOrDefaultAsync(d => d.Id == documentId, ct)
                  ?? throw new NotFoundOrForbiddenException("The document");
        var target = await db.Folders.SingleOrDefaultAsync(f => f.Id == targetFolderId && f.ClientAccountId == doc.ClientAccountId, ct)
                     ?? throw new NotFoundOrForbiddenException("The target folder");
        if (target.Id == doc.FolderId) return;
        var from = doc.Folder!;
        var now = clock.GetUtcNow().UtcDateTime;
        doc.FolderId = target.Id;
        doc.LastActivityAt = now;
        doc.Record(actor, AuditAction.Moved, $"Moved from \"{from.Name}\" to \"{target.Name}\"", now);
        var followUps = target.Access == FolderAccess.StaffOnly
            ? await HidingAsync(db, doc, actor, $"The document moved to the staff-only folder \"{target.Name}\".", now, ct)
            : [];
        await SaveRacingDecisionAsync(db, ct);
        Changed(doc);
        foreach (var followUp in followUps) events.Publish(followUp);
    }

    /// <summary>
    /// Locks the document until an invoice of its account is paid (clients see it listed, cannot open it), or with
    /// null lifts the lock. Payment and voiding lift it by themselves.
    /// </summary>
    public async Task LockAsync(PortalUser actor, int documentId, int? invoiceId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId, ct) ?? throw new NotFoundOrForbiddenException("The document");
        if (doc.LockedByInvoiceId == invoiceId) return;
        var now = clock.GetUtcNow().UtcDateTime;
        if (invoiceId is { } lockId)
        {
            var name = await Locks.LockingAsync(db, doc.ClientAccountId, lockId, ct);
            doc.Record(actor, AuditAction.Locked, $"Locked until {name} is paid", now);
        }
        else doc.Record(actor, AuditAction.Unlocked, "Unlocked by staff", now);
        doc.LockedByInvoiceId = invoiceId;
        doc.LastActivityAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("The invoice changed at the same moment (a payment, say), so the document was not locked. Look at the invoice and try again.");
        }
        logger.LogInformation("Document {DocumentId} lock set to invoice {InvoiceId} by {UserId}", documentId, invoiceId, actor.UserId);
        Changed(doc);
    }

    private IDocumentLocks Locks => locks ?? throw new PortalRuleException("Documents cannot be locked in this portal: invoices are not set up.");

    /// <summary>Hides the document everywhere; the row and its audit trail are kept.</summary>
    public async Task DeleteAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId, ct) ?? throw new NotFoundOrForbiddenException("The document");
        var now = clock.GetUtcNow().UtcDateTime;
        doc.DeletedAt = now;
        var followUps = await HidingAsync(db, doc, actor, "The document was deleted.", now, ct);
        doc.Record(actor, AuditAction.Deleted, $"Deleted \"{doc.Name}\"", now);
        await SaveRacingDecisionAsync(db, ct);
        logger.LogInformation("Document {DocumentId} deleted by {UserId}", documentId, actor.UserId);
        Changed(doc);
        foreach (var followUp in followUps) events.Publish(followUp);
    }

    private async Task<List<PortalEvent>> HidingAsync(AppDbContext db, Document doc, PortalUser actor, string reason, DateTime now, CancellationToken ct)
    {
        var followUps = new List<PortalEvent>();
        foreach (var participant in participants) followUps.AddRange(await participant.HidingAsync(db, doc, actor, reason, now, ct));
        return followUps;
    }

    /// <summary>A client's decision may land between loading and saving: say so instead of failing vaguely.</summary>
    private static async Task SaveRacingDecisionAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("The client answered a request about this document at the same moment. Look at it again and retry.");
        }
    }

    private void Changed(Document doc) => events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, doc.ClientAccountId, doc.Id));

    private static readonly string DescriptionTooLong = $"The description must be at most {MaxDescriptionLength} characters.";

    /// <summary>Keeps only the file name part and drops characters that break downloads on common systems.</summary>
    internal static string CleanFileName(string name)
    {
        var justName = Path.GetFileName(name.Replace('\\', '/')).Trim();
        var cleaned = new string(justName.Where(c => !char.IsControl(c) && c is not ('/' or '\\' or '"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray());
        return cleaned.Length > 255 ? cleaned[..255] : cleaned;
    }
}
