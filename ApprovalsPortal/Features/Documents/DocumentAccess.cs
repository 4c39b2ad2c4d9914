using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Documents;

/// <summary>
/// The one rule for who sees which document, applied inside every query: staff see all; a client sees documents
/// in ClientCanView folders of the accounts where they are a contact with portal access; anyone else sees nothing.
/// </summary>
public static class DocumentAccess
{
    public static IQueryable<Document> VisibleTo(this IQueryable<Document> documents, AppDbContext db, PortalUser user)
    {
        if (user.IsStaff) return documents;
        if (!user.IsClient) return documents.Where(_ => false);
        var userId = user.UserId;
        return documents.Where(d =>
            d.Folder!.Access == FolderAccess.ClientCanView &&
            db.Contacts.Any(c => c.ClientAccountId == d.ClientAccountId && c.UserId == userId && c.PortalAccess));
    }

    /// <summary>
    /// What the viewer may open (content, download, decisions): what they see, less the documents locked until an
    /// invoice is paid, which clients see listed but cannot open. Staff open everything.
    /// </summary>
    public static IQueryable<Document> OpenableBy(this IQueryable<Document> documents, AppDbContext db, PortalUser user) =>
        user.IsStaff ? documents : documents.VisibleTo(db, user).Where(d => d.LockedByInvoiceId == null);
}
