using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Signatures;

/// <summary>Asking for signatures, as staff fill the dialog: the signers by contact, in this order when <paramref name="InOrder"/>.</summary>
public sealed record SignatureInput(IReadOnlyList<int> SignerContactIds, bool InOrder, string Message, ReminderSettings Reminders, int? JobId = null);

/// <summary>What the request dialog needs: who may sign, the jobs, the defaults, and why signatures cannot be asked, if so.</summary>
public sealed record SignatureRequestContext(
    int DocumentId,
    string DocumentName,
    int AccountId,
    string? CannotRequestReason,
    IReadOnlyList<SignerChoice> Contacts,
    IReadOnlyList<JobOption> Jobs,
    ReminderSettings DefaultReminders,
    SignatureState? Current);

/// <summary>Where a document's latest signature request stands, for lists, the viewer and the portal.</summary>
public sealed record SignatureState(int RequestId, int DocumentId, SignatureStatus Status, IReadOnlyList<SignerRow> Signers, int? SignedDocumentId)
{
    public int SignedCount => Signers.Count(s => s.SignedAt is not null);
    public bool IsWaiting => Status is SignatureStatus.Awaiting or SignatureStatus.PartlySigned;
    public string Progress => $"{SignedCount} of {Signers.Count} signed";
}

/// <summary>One signer as everyone sees them: who, and when they signed (and how, from where, for staff).</summary>
public sealed record SignerRow(int ContactId, string Name, string Email, int Position, DateTime? SignedAt, string? SignedName, bool Drawn, string? IpAddress, bool AskedNow);

/// <summary>Everything the staff signature page shows.</summary>
public sealed record SignatureDetails(
    int Id,
    int AccountId,
    string AccountName,
    int DocumentId,
    string DocumentName,
    bool InOrder,
    string OriginalSha256,
    SignatureStatus Status,
    ActionItemSummary Item,
    IReadOnlyList<SignerRow> Signers,
    int? SignedDocumentId,
    string? SignedDocumentName,
    int? JobId,
    string? JobName);

/// <summary>The signing page as one signer (or staff viewing as them) sees it.</summary>
public sealed record SigningView(
    int RequestId,
    int DocumentId,
    string DocumentName,
    string AccountName,
    string Message,
    string RequestedByName,
    SignatureStatus Status,
    bool InOrder,
    IReadOnlyList<SignerRow> Signers,
    SignerRow? Me,
    bool CanSignNow,
    string? WhyNot,
    int? SignedDocumentId);

/// <summary>A signature as the signer gives it: consent, the name, and a drawing (PNG) if they drew.</summary>
public sealed record SignInput(bool Consent, string Name, byte[]? Drawing);
