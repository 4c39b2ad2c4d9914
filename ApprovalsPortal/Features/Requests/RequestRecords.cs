using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Requests;

/// <summary>Someone outside the portal, as staff enter them.</summary>
public sealed record ThirdPartyInput(string Name, string Email);

/// <summary>
/// A request as staff build it: with no <paramref name="ThirdParties"/> it goes to the account's contacts with
/// portal access; with some, only to them, by link. <paramref name="UploadFolderId"/> null means "Client uploads".
/// </summary>
public sealed record RequestInput(
    int AccountId,
    string Title,
    string Message,
    int? JobId,
    IReadOnlyList<RequestQuestionDraft> Questions,
    IReadOnlyList<ThirdPartyInput> ThirdParties,
    ReminderSettings Reminders,
    int? UploadFolderId);

/// <summary>A folder files may go to: the account's folders the client can see.</summary>
public sealed record UploadFolderOption(int Id, string Name);

/// <summary>What the editor needs about the account: who would be asked, its jobs and folders, and the defaults.</summary>
public sealed record RequestEditorContext(
    int AccountId,
    string AccountName,
    IReadOnlyList<ActionItemRecipient> Contacts,
    int PortalContactCount,
    IReadOnlyList<JobOption> Jobs,
    IReadOnlyList<UploadFolderOption> Folders,
    string DefaultUploadFolderName,
    ReminderSettings DefaultReminders);

/// <summary>One row of a list of requests.</summary>
public sealed record RequestListRow(
    int Id,
    string Title,
    int AccountId,
    string AccountName,
    RequestStatus Status,
    string Audience,
    DateTime RequestedAt,
    DateTime LastSentAt,
    int Answered,
    int Questions,
    string? JobName,
    bool RemindersEnabled,
    int RemindersSent,
    int ReminderCount,
    DateTime? NextReminderAt)
{
    public bool IsWaiting => Status is RequestStatus.Pending or RequestStatus.InProgress;
}

/// <summary>Which requests a list shows; every field is in the page's URL.</summary>
public sealed record RequestFilter(RequestStatus? Status = null, int? AccountId = null, string? Search = null, bool WaitingOnly = false);

/// <summary>A third party of a request, as staff see them.</summary>
public sealed record ThirdPartyRow(int Id, string Name, string Email, DateTime AddedAt, DateTime? RevokedAt, string? RevokedByName, DateTime? LastOpenedAt, DateTime? LinkExpiresAt);

/// <summary>A file given in answer.</summary>
public sealed record AnswerFileRow(int Id, string FileName, long SizeBytes, string ContentType, DateTime UploadedAt, string UploadedByName, int? DocumentId);

/// <summary>A question and its answer side by side.</summary>
public sealed record QuestionAnswerRow(int QuestionId, int Number, RequestQuestionDraft Question, string Value, DateTime? AnsweredAt, string? AnsweredByName, IReadOnlyList<AnswerFileRow> Files)
{
    public bool IsAnswered => Question.Type == QuestionType.FileUpload ? Files.Count > 0 : !string.IsNullOrWhiteSpace(Value) && Value != "[]";
}

/// <summary>Everything the staff request page shows.</summary>
public sealed record RequestDetails(
    int Id,
    int AccountId,
    string AccountName,
    RequestStatus Status,
    ActionItemSummary Item,
    int? JobId,
    string? JobName,
    int? UploadFolderId,
    string UploadFolderName,
    bool ToThirdParties,
    IReadOnlyList<ThirdPartyRow> ThirdParties,
    IReadOnlyList<ActionItemRecipient> Contacts,
    IReadOnlyList<QuestionAnswerRow> Questions,
    DateTime? SubmittedAt,
    string? SubmittedByName,
    DateTime? ClosedAt,
    string? ClosedByName)
{
    public bool IsWaiting => Status is RequestStatus.Pending or RequestStatus.InProgress;
}

/// <summary>
/// Who answers: a signed-in contact of the account (read-only when staff view as them), or a third party by the
/// token of their link.
/// </summary>
public sealed record RequestAnswerer(PortalUser? Client, string? Token)
{
    public static RequestAnswerer ForClient(PortalUser client) => new(client, null);
    public static RequestAnswerer ForLink(string token) => new(null, token);
}

/// <summary>The answering page: the request as the answerer may see it, and whether they may still change it.</summary>
public sealed record AnswerSheet(
    int RequestId,
    string Title,
    string Message,
    string RequestedByName,
    DateTime LastSentAt,
    RequestStatus Status,
    bool CanAnswer,
    string? ReadOnlyReason,
    string AnswererName,
    IReadOnlyList<QuestionAnswerRow> Questions,
    DateTime? SubmittedAt,
    string? SubmittedByName);

/// <summary>Why a link does not open its request, and whom to ask instead.</summary>
public sealed record LinkRefusal(string Reason, string? ContactName);
