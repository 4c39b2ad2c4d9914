using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Documents;

/// <summary>Uploading, listing, opening, renaming, moving and deleting documents. Every change is audited in its own transaction.</summary>
public sealed class DocumentService(
    IDbContextFactory<AppDbContext> dbFactory,
    FileStore files,
    PortalEvents events,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<DocumentService> logger)
{
    public const int MaxTextPreviewBytes = 256 * 1024;

    public async Task<IReadOnlyList<DocumentRow>> ListForAccountAsync(PortalUser actor, int accountId, int? folderId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var docs = db.Documents.AsNoTracking().Where(d => d.ClientAccountId == accountId);
        if (folderId is not null) docs = docs.Where(d => d.FolderId == folderId);
        return await docs.OrderByDescending(d => d.UploadedAt).ThenByDescending(d => d.Id).Select(ToRow).ToListAsync(ct);
    }

    /// <summary>The documents a client user may see, across all their accounts, newest first.</summary>
    public async Task<IReadOnlyList<PortalDocumentRow>> ListForClientAsync(PortalUser actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Documents.AsNoTracking().VisibleTo(db, actor)
            .OrderByDescending(d => d.UploadedAt).ThenByDescending(d => d.Id)
            .Select(d => new PortalDocumentRow(d.Id, d.Name, d.Description, d.ContentType, d.SizeBytes, d.UploadedAt, d.ClientAccount!.Name, d.Folder!.Name,
                d.CurrentApprovalRequestId == null ? null : d.CurrentApprovalRequest!.Status))
            .ToListAsync(ct);
    }

    public async Task<DocumentDetails?> GetAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Documents.AsNoTracking().VisibleTo(db, actor).Where(d => d.Id == documentId)
            .Select(d => new DocumentDetails(d.Id, d.Name, d.Description, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedByName,
                d.UploadedAt, d.ClientAccountId, d.ClientAccount!.Name, d.FolderId, d.Folder!.Name, d.Folder.Access,
                d.CurrentApprovalRequestId == null ? null : d.CurrentApprovalRequest!.Status))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Null when the caller may not see the document: the endpoint answers 404 and reveals nothing.</summary>
    public async Task<DocumentFile?> GetFileAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.AsNoTracking().VisibleTo(db, actor).Where(d => d.Id == documentId)
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
    /// Stores one file. A refusal (type, size, content) comes back as an outcome naming the reason, so the caller can
    /// go on with the other files of the same upload.
    /// </summary>
    public async Task<UploadOutcome> UploadAsync(PortalUser actor, UploadRequest request, Stream content, IProgress<long>? progress, CancellationToken ct = default)
    {
        actor.RequireStaff();
        var limits = options.Value.Uploads;
        if (request.Description.Trim().Length > 1000) return new UploadOutcome(request.FileName, null, "The description must be at most 1000 characters.");
        var claim = UploadValidator.CheckClaim(request.FileName, request.Size, limits);
        if (!claim.Accepted) return new UploadOutcome(request.FileName, null, claim.Reason);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var folder = await db.Folders.AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == request.FolderId && f.ClientAccountId == request.AccountId, ct)
            ?? throw new NotFoundOrForbiddenException("The folder");

        await using var staged = await files.StageAsync(content, limits.MaxFileSizeBytes, progress, ct);
        if (staged is null)
            return new UploadOutcome(request.FileName, null, $"The file is larger than the limit of {limits.MaxFileSizeMegabytes} MB.");

        UploadCheck check;
        await using (var read = staged.OpenRead())
        {
            check = UploadValidator.CheckContent(request.FileName, staged.Size, read, limits);
        }
        if (!check.Accepted) return new UploadOutcome(request.FileName, null, check.Reason);

        files.Commit(staged);
        var now = clock.GetUtcNow().UtcDateTime;
        var document = new Document
        {
            ClientAccountId = request.AccountId,
            FolderId = folder.Id,
            Name = CleanFileName(request.FileName),
            Description = request.Description.Trim(),
            ContentType = check.ContentType,
            SizeBytes = staged.Size,
            Sha256 = staged.Sha256,
            UploadedByUserId = actor.UserId,
            UploadedByName = actor.Name,
            UploadedAt = now,
            LastActivityAt = now,
        };
        db.Documents.Add(document);
        db.AuditEvents.Add(AuditEvent.For(actor, document, AuditAction.Uploaded, $"Uploaded to \"{folder.Name}\" ({FileSizes.Format(staged.Size)})", now));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Document {DocumentId} uploaded to folder {FolderId} by {UserId}", document.Id, folder.Id, actor.UserId);
        Changed(document);
        return new UploadOutcome(request.FileName, document.Id, null);
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
        doc.Name = name;
        doc.LastActivityAt = clock.GetUtcNow().UtcDateTime;
        db.AuditEvents.Add(AuditEvent.For(actor, doc, AuditAction.Renamed, $"Renamed from \"{old}\" to \"{name}\"", clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        Changed(doc);
    }

    public async Task UpdateDescriptionAsync(PortalUser actor, int documentId, string description, CancellationToken ct = default)
    {
        actor.RequireStaff();
        description = description.Trim();
        if (description.Length > 1000) throw new PortalRuleException("The description must be at most 1000 characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId, ct) ?? throw new NotFoundOrForbiddenException("The document");
        if (doc.Description == description) return;
        doc.Description = description;
        doc.LastActivityAt = clock.GetUtcNow().UtcDateTime;
        db.AuditEvents.Add(AuditEvent.For(actor, doc, AuditAction.DescriptionChanged, "Description changed", clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        Changed(doc);
    }

    /// <summary>Moves within the same account only: a document never crosses to another client.</summary>
    public async Task MoveAsync(PortalUser actor, int documentId, int targetFolderId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.Include(d => d.Folder).Include(d => d.CurrentApprovalRequest).SingleOrDefaultAsync(d => d.Id == documentId, ct)
                  ?? throw new NotFoundOrForbiddenException("The document");
        var target = await db.Folders.SingleOrDefaultAsync(f => f.Id == targetFolderId && f.ClientAccountId == doc.ClientAccountId, ct)
                     ?? throw new NotFoundOrForbiddenException("The target folder");
        if (target.Id == doc.FolderId) return;
        var from = doc.Folder!.Name;
        doc.FolderId = target.Id;
        doc.LastActivityAt = clock.GetUtcNow().UtcDateTime;
        db.AuditEvents.Add(AuditEvent.For(actor, doc, AuditAction.Moved, $"Moved from \"{from}\" to \"{target.Name}\"", clock.GetUtcNow().UtcDateTime));
        var cancel = target.Access == FolderAccess.StaffOnly && doc.CurrentApprovalRequest is { Status: ApprovalStatus.Pending };
        if (cancel)
            await PendingApprovals.CancelAsync(db, doc, actor, $"the document moved to the staff-only folder \"{target.Name}\"", clock.GetUtcNow().UtcDateTime, ct);
        await SaveRacingDecisionAsync(db, ct);
        Changed(doc);
        if (cancel) events.Publish(new PortalEvent(PortalEventKind.ApprovalCancelled, doc.ClientAccountId, doc.Id));
    }

    /// <summary>Hides the document everywhere; the row and its audit trail are kept.</summary>
    public async Task DeleteAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.Include(d => d.CurrentApprovalRequest).SingleOrDefaultAsync(d => d.Id == documentId, ct)
                  ?? throw new NotFoundOrForbiddenException("The document");
        var now = clock.GetUtcNow().UtcDateTime;
        doc.DeletedAt = now;
        var cancelled = doc.CurrentApprovalRequest is { Status: ApprovalStatus.Pending };
        if (cancelled) await PendingApprovals.CancelAsync(db, doc, actor, "the document was deleted", now, ct);
        db.AuditEvents.Add(AuditEvent.For(actor, doc, AuditAction.Deleted, $"Deleted \"{doc.Name}\"", now));
        await SaveRacingDecisionAsync(db, ct);
        logger.LogInformation("Document {DocumentId} deleted by {UserId}", documentId, actor.UserId);
        Changed(doc);
        if (cancelled) events.Publish(new PortalEvent(PortalEventKind.ApprovalCancelled, doc.ClientAccountId, doc.Id));
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
            throw new PortalRuleException("The client decided on this document's approval request at the same moment. Look at it again and retry.");
        }
    }

    private void Changed(Document doc) => events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, doc.ClientAccountId, doc.Id));

    /// <summary>Keeps only the file name part and drops characters that break downloads on common systems.</summary>
    internal static string CleanFileName(string name)
    {
        var justName = Path.GetFileName(name.Replace('\\', '/')).Trim();
        var cleaned = new string(justName.Where(c => !char.IsControl(c) && c is not ('/' or '\\' or '"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray());
        return cleaned.Length > 255 ? cleaned[..255] : cleaned;
    }

    private static readonly System.Linq.Expressions.Expression<Func<Document, DocumentRow>> ToRow = d =>
        new DocumentRow(d.Id, d.Name, d.Description, d.ContentType, d.SizeBytes, d.UploadedByName, d.UploadedAt, d.FolderId, d.Folder!.Name,
            d.Folder.Access, d.CurrentApprovalRequestId == null ? null : d.CurrentApprovalRequest!.Status);
}
