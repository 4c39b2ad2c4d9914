using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Signatures;

/// <summary>Where a signature request stands, in its own words.</summary>
public enum SignatureStatus
{
    /// <summary>Nobody has signed yet.</summary>
    Awaiting,
    /// <summary>Some signers have signed, not all.</summary>
    PartlySigned,
    /// <summary>Every signer has signed; the signed copy exists.</summary>
    SignedByAll,
    Cancelled,
}

/// <summary>
/// Signatures asked on a PDF document from named signers (contacts with portal access), in order or all at once:
/// the signature kind of action item. It shares its id with its <see cref="ActionItem"/>, whose addressees are the
/// signers asked now. The original document is never changed: when the last signer signs, a signed copy is stored
/// beside it, the original's SHA-256 printed on its certificate page.
/// </summary>
public sealed class SignatureRequest
{
    public const string Kind = "signature";
    public const int MaxSigners = 10;

    private SignatureRequest()
    {
    }

    public int Id { get; private set; }
    public ActionItem Item { get; private set; } = default!;
    public int DocumentId { get; private set; }
    /// <summary>Signers sign one after another (each is asked when the one before has signed), or all at once.</summary>
    public bool InOrder { get; private set; }
    /// <summary>The original's hash when signatures were asked: the copy is made only from these very bytes.</summary>
    public string OriginalSha256 { get; private set; } = "";
    public int? SignedDocumentId { get; private set; }
    public List<Signer> Signers { get; private set; } = [];

    public SignatureStatus Status => StatusOf(Item.Status, Signers.Count(s => s.SignedAt != null));

    public static SignatureStatus StatusOf(ActionItemStatus status, int signedCount) => status switch
    {
        ActionItemStatus.Done => SignatureStatus.SignedByAll,
        ActionItemStatus.Pending or ActionItemStatus.InProgress => signedCount > 0 ? SignatureStatus.PartlySigned : SignatureStatus.Awaiting,
        _ => SignatureStatus.Cancelled,
    };

    public static SignatureRequest Send(int accountId, int documentId, string documentName, string sha256, IReadOnlyList<SignerChoice> signers, bool inOrder,
        string message, ReminderSettings reminders, PortalUser staff, DateTime now, int? jobId, string? jobName)
    {
        var item = ActionItem.Send(Kind, accountId, documentId, documentName, message, reminders, staff, now,
            $"Signatures asked of {string.Join(", ", signers.Select(s => s.Name))}{(inOrder && signers.Count > 1 ? ", in this order" : "")}; "
            + ActionItemService.DescribeSending(message, reminders) + (jobName is null ? "" : $"; job \"{jobName}\""), jobId);
        var request = new SignatureRequest { Item = item, DocumentId = documentId, InOrder = inOrder, OriginalSha256 = sha256 };
        for (var i = 0; i < signers.Count; i++)
        {
            request.Signers.Add(Signer.For(signers[i], i));
            // In order, only the first is asked now; the others when their turn comes.
            item.AddressTo(signers[i].ContactId, waiting: !inOrder || i == 0);
        }
        return request;
    }

    /// <summary>The signer this contact is, if they may sign now: not signed yet, and their turn when in order.</summary>
    public Signer? SignerNow(int contactId)
    {
        var signer = Signers.FirstOrDefault(s => s.ContactId == contactId);
        if (signer is null || signer.SignedAt is not null) return null;
        if (InOrder && Signers.Where(s => s.SignedAt == null).MinBy(s => s.Position) != signer) return null;
        return signer;
    }

    /// <summary>
    /// Records one signature; the next signer in order is asked. Returns true when it was the last, and the caller
    /// then stores the signed copy and calls <see cref="Complete"/>.
    /// </summary>
    public bool Sign(Signer signer, PortalUser who, SignatureMark mark, string ipAddress, DateTime now)
    {
        if (!Item.Status.IsWaiting()) throw new PortalRuleException("These signatures are no longer asked: the firm cancelled the request, or everyone has signed.");
        if (SignerNow(signer.ContactId) != signer) throw new PortalRuleException(signer.SignedAt is null ? "It is not your turn to sign yet: you are emailed when it is." : "You have signed this document already.");
        signer.Record(mark, ipAddress, now);
        // A signer whose contact was removed has no addressee row left: nobody to ask, nothing to clear.
        if (Item.Addressees.SingleOrDefault(a => a.ContactId == signer.ContactId) is { } asked) asked.Waiting = false;
        var next = Signers.Where(s => s.SignedAt == null).OrderBy(s => s.Position).FirstOrDefault();
        Item.Record(who, AuditAction.SignatureGiven, $"Signed by {signer.Name} ({mark.Describe()}) from {ipAddress}", now);
        if (next is null) return true;
        if (InOrder && Item.Addressees.SingleOrDefault(a => a.ContactId == next.ContactId) is { } nextAsked) nextAsked.Waiting = true;
        if (Item.Status == ActionItemStatus.Pending) Item.Start();
        return false;
    }

    public void Complete(PortalUser lastSigner, int signedDocumentId, string signedName, DateTime now)
    {
        SignedDocumentId = signedDocumentId;
        Item.Complete(lastSigner, now, $"Signed by all; signed copy \"{signedName}\"");
    }
}

/// <summary>A signer as staff chose them.</summary>
public sealed record SignerChoice(int ContactId, string Name, string Email);

/// <summary>How someone signed: a typed name, or a drawing (PNG) with the name they gave.</summary>
public sealed record SignatureMark(string Name, byte[]? Drawing)
{
    public string Describe() => Drawing is null ? $"typed \"{Name}\"" : "drawn";
}

/// <summary>One signer of a request and, once they signed, how, when and from where.</summary>
public sealed class Signer
{
    public const int MaxNameLength = 200;
    /// <summary>A drawing's PNG is kept small: a signature needs no photograph's bytes.</summary>
    public const int MaxDrawingBytes = 300 * 1024;

    public int Id { get; private set; }
    public int SignatureRequestId { get; private set; }
    public int ContactId { get; private set; }
    public int Position { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public DateTime? SignedAt { get; private set; }
    /// <summary>The name typed to sign, or given beside a drawing.</summary>
    public string? SignedName { get; private set; }
    public byte[]? Drawing { get; private set; }
    public string? IpAddress { get; private set; }

    public static Signer For(SignerChoice choice, int position) =>
        new() { ContactId = choice.ContactId, Name = choice.Name, Email = choice.Email, Position = position };

    internal void Record(SignatureMark mark, string ipAddress, DateTime now)
    {
        SignedAt = now;
        SignedName = mark.Name;
        Drawing = mark.Drawing;
        IpAddress = ipAddress;
    }
}
