using System.Security.Cryptography;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Signatures;

/// <summary>
/// A signer's side: what they see, and signing. The last signature writes the signed copy in the same transaction,
/// so "signed by all" and the copy exist together or not at all.
/// </summary>
public sealed class SignatureSigning(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemService items,
    ActionItemMail mail,
    SignatureMail staffMail,
    DocumentService documents,
    FileStore files,
    PortalEvents events,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<SignatureSigning> logger)
{
    public async Task<SigningView?> GetAsync(PortalUser viewer, int requestId, CancellationToken ct = default)
    {
        if (!viewer.IsClient) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await LoadAsync(db, requestId, tracked: false, ct);
        if (request is null) return null;
        var contactId = await ContactIdAsync(db, viewer, request.Item.ClientAccountId, ct);
        if (contactId is null) return null;
        var doc = await db.Documents.AsNoTracking().VisibleTo(db, viewer).Where(d => d.Id == request.DocumentId)
            .Select(d => new { d.Name, d.LockedByInvoiceId }).SingleOrDefaultAsync(ct);
        if (doc is null) return null;
        var accountName = await db.ClientAccounts.Where(a => a.Id == request.Item.ClientAccountId).Select(a => a.Name).SingleAsync(ct);
        var rows = SignatureService.Rows(request);
        var me = rows.FirstOrDefault(r => r.ContactId == contactId);
        var whyNot = WhyNot(request, me, contactId.Value, doc.LockedByInvoiceId is not null);
        return new SigningView(request.Id, request.DocumentId, doc.Name, accountName, request.Item.Message, request.Item.RequestedByName, request.Status, request.InOrder,
            rows, me, whyNot is null, whyNot, request.SignedDocumentId);
    }

    private static string? WhyNot(SignatureRequest request, SignerRow? me, int contactId, bool locked)
    {
        if (me is null) return "You are not asked to sign this document; the people who are can see it here.";
        if (me.SignedAt is not null) return null;
        if (!request.Item.Status.IsWaiting()) return request.Status == SignatureStatus.Cancelled ? "The firm withdrew this request for signatures." : null;
        if (locked) return "This document opens once its invoice is paid; you can sign it then.";
        if (request.SignerNow(contactId) is null) return "It is not your turn to sign yet: you get an email when it is.";
        return null;
    }

    /// <summary>Signs as the viewer's contact; returns true when this was the last signature (and the signed copy now exists).</summary>
    public async Task<bool> SignAsync(PortalUser viewer, int requestId, SignInput input, string ipAddress, CancellationToken ct = default)
    {
        if (viewer.ReadOnly) throw new PortalRuleException("This is a read-only view of the client's portal: nothing can be signed here.");
        if (!viewer.IsClient) throw new PortalRuleException("Only the people asked can sign.");
        if (SignatureRules.CheckSignature(input) is { } refusal) throw new PortalRuleException(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await LoadAsync(db, requestId, tracked: true, ct) ?? throw new NotFoundOrForbiddenException("The signature request");
        var contactId = await ContactIdAsync(db, viewer, request.Item.ClientAccountId, ct) ?? throw new NotFoundOrForbiddenException("The signature request");
        var signer = request.Signers.FirstOrDefault(s => s.ContactId == contactId) ?? throw new NotFoundOrForbiddenException("The signature request");
        var original = await db.Documents.OpenableBy(db, viewer).Include(d => d.Folder).SingleOrDefaultAsync(d => d.Id == request.DocumentId, ct)
                       ?? throw new PortalRuleException("This document cannot be opened now (it waits for an invoice's payment, or was withdrawn), so it cannot be signed.");

        var now = clock.GetUtcNow().UtcDateTime;
        var mark = new SignatureMark(input.Name.Trim(), input.Drawing);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var last = request.Sign(signer, viewer, mark, ipAddress, now);
        Document? copy = null;
        if (last)
        {
            copy = await SignedCopyAsync(db, request, original, now, ct);
            db.Documents.Add(copy);
            // Saved first for the copy's id; a signature or cancel racing this one is refused here.
            await items.SaveRacingAsync(db, request.Item, "signed", ct);
            // Under the write lock now: a lock set on the original since it was read goes to the copy too, which holds the same pages.
            copy.LockedByInvoiceId = await db.Documents.Where(d => d.Id == original.Id).Select(d => d.LockedByInvoiceId).SingleAsync(ct);
            request.Complete(viewer, copy.Id, copy.Name, now);
            original.LastActivityAt = now;
            original.Record(viewer, AuditAction.SignatureGiven, $"Signed by all; the signed copy is \"{copy.Name}\". This document is unchanged.", now);
            await staffMail.QueueSignedAsync(db, request, copy.Name, ct);
        }
        else if (request.InOrder)
        {
            // The next signer's turn: they are emailed now, and the to-do appears for them.
            await mail.QueueAsync(db, request.Item, ActionItemEmailKind.Request, now, ct);
        }
        await items.SaveRacingAsync(db, request.Item, "signed", ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Signature request {RequestId} signed by contact {ContactId}{Last}", request.Id, contactId, last ? " (the last)" : "");
        if (copy is not null)
        {
            events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, original.ClientAccountId, original.Id));
            events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, copy.ClientAccountId, copy.Id));
            await items.AnsweredAsync(request.Item, ct);
        }
        else items.Published([request.Item], PortalEventKind.ItemChanged);
        return last;
    }

    /// <summary>The original's bytes, checked against the hash recorded when signatures were asked, with the certificate page after them.</summary>
    private async Task<Document> SignedCopyAsync(AppDbContext db, SignatureRequest request, Document original, DateTime now, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(files.PathFor(original.Sha256), ct);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), request.OriginalSha256, StringComparison.Ordinal))
            throw new PortalRuleException("The document's stored content does not match what was sent for signature, so no signed copy was made. Tell the firm.");
        var info = new CertificateInfo(original.Name, request.OriginalSha256, options.Value.FirmName, request.Item.RequestedByName, request.Item.RequestedAt,
            request.Signers.OrderBy(s => s.Position).Select(s => new CertificateSigner(s.Name, s.Email, s.SignedAt!.Value, s.IpAddress ?? ClientAddress.Unknown, s.SignedName ?? s.Name, s.Drawing)).ToList());
        var signed = SignedCopy.Write(new MemoryStream(bytes), info);
        var name = SignedName(original.Name);
        var staged = await documents.StageCheckedAsync(name, signed.Length, new MemoryStream(signed), null, ct);
        if (!staged.Accepted) throw new InvalidOperationException($"The signed copy was refused by the upload checks: {staged.Error}");
        var sender = new PortalUser(request.Item.RequestedByUserId, request.Item.RequestedByName, false, true, false);
        return DocumentService.NewDocument(original.ClientAccountId, original.FolderId, original.Folder!.Name, staged.File!,
            $"Signed copy of \"{original.Name}\"", sender, now, $"; signed copy of \"{original.Name}\" (SHA-256 {request.OriginalSha256}), made when the last signer signed");
    }

    /// <summary>"Engagement letter.pdf" → "Engagement letter (signed).pdf".</summary>
    public static string SignedName(string name)
    {
        var extension = Path.GetExtension(name);
        var stem = string.IsNullOrEmpty(extension) ? name : name[..^extension.Length];
        var suffix = " (signed)" + (string.IsNullOrEmpty(extension) ? ".pdf" : extension);
        return (stem.Length + suffix.Length > 255 ? stem[..(255 - suffix.Length)] : stem) + suffix;
    }

    private static async Task<SignatureRequest?> LoadAsync(AppDbContext db, int requestId, bool tracked, CancellationToken ct)
    {
        var query = db.SignatureRequests.Include(r => r.Signers).Include(r => r.Item).ThenInclude(i => i.Addressees).AsSplitQuery();
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == requestId, ct);
    }

    private static Task<int?> ContactIdAsync(AppDbContext db, PortalUser viewer, int accountId, CancellationToken ct) =>
        db.Contacts.Where(c => c.ClientAccountId == accountId && c.UserId == viewer.UserId && c.PortalAccess).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
}
