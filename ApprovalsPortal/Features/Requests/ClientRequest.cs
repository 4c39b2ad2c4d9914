using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Requests;

/// <summary>Where a client request stands, in its own words.</summary>
public enum RequestStatus
{
    Pending,
    InProgress,
    /// <summary>The client (or third party) submitted the answers; staff have not closed it yet.</summary>
    Submitted,
    /// <summary>Staff marked the submitted answers as all they needed.</summary>
    Completed,
    Cancelled,
}

/// <summary>
/// An ad hoc questionnaire for a client account's contacts or for third parties: the request kind of action item.
/// It shares its id with its <see cref="ActionItem"/> (status, message, resends, reminders, job); this row holds the
/// questions, where uploaded files go, who submitted and whether staff closed it.
/// </summary>
public sealed class ClientRequest
{
    public const string Kind = "request";

    private ClientRequest()
    {
    }

    public int Id { get; private set; }
    public ActionItem Item { get; private set; } = default!;

    /// <summary>Where uploaded files become documents; null means the account's "Client uploads" folder, made when needed.</summary>
    public int? UploadFolderId { get; private set; }

    public DateTime? SubmittedAt { get; private set; }
    public string? SubmittedByName { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? ClosedByName { get; private set; }

    public List<RequestQuestion> Questions { get; private set; } = [];
    public List<RequestThirdParty> ThirdParties { get; private set; } = [];

    /// <summary>Needs <see cref="Item"/> loaded.</summary>
    public RequestStatus Status => StatusOf(Item.Status, ClosedAt is not null);

    public static RequestStatus StatusOf(ActionItemStatus status, bool closed) => status switch
    {
        ActionItemStatus.Pending => RequestStatus.Pending,
        ActionItemStatus.InProgress => RequestStatus.InProgress,
        ActionItemStatus.Done => closed ? RequestStatus.Completed : RequestStatus.Submitted,
        _ => RequestStatus.Cancelled,
    };

    /// <summary>A new request, sent now to the account's contacts or to <paramref name="thirdParties"/>.</summary>
    public static ClientRequest Send(RequestInput input, IReadOnlyList<RequestQuestionDraft> questions, PortalUser staff, DateTime now, string? jobName)
    {
        var external = input.ThirdParties.Count > 0;
        var request = new ClientRequest
        {
            Item = ActionItem.Send(Kind, input.AccountId, null, input.Title.Trim(), input.Message, input.Reminders, staff, now,
                Describe(input, questions.Count(q => q.Type.IsAnswered())) + (jobName is null ? "" : $"; job \"{jobName}\""), input.JobId, external),
            UploadFolderId = input.UploadFolderId,
        };
        request.ReplaceQuestions(questions);
        foreach (var person in input.ThirdParties) request.ThirdParties.Add(RequestThirdParty.Create(person.Name, person.Email, now));
        return request;
    }

    public void ReplaceQuestions(IReadOnlyList<RequestQuestionDraft> questions)
    {
        Questions.Clear();
        for (var i = 0; i < questions.Count; i++) Questions.Add(RequestQuestion.From(questions[i], i));
    }

    public void ChangeUploadFolder(int? folderId) => UploadFolderId = folderId;

    public void Submit(PortalUser answerer, DateTime now, string auditDetails)
    {
        Item.Complete(answerer, now, auditDetails);
        SubmittedAt = now;
        SubmittedByName = answerer.Name;
    }

    /// <summary>Staff have what they asked for: the request is over for everyone, and its links stop working.</summary>
    public void Close(PortalUser staff, DateTime now)
    {
        if (Item.Status != ActionItemStatus.Done || ClosedAt is not null)
            throw new Shared.PortalRuleException(ClosedAt is not null ? "This request was already marked completed." : "Only a submitted request can be marked completed.");
        ClosedAt = now;
        ClosedByName = staff.Name;
        Item.Record(staff, AuditAction.Closed, "Marked completed", now);
    }

    /// <summary>Back to the answerer with a message; their answers are kept, to change or add to.</summary>
    public void Reopen(PortalUser staff, string message, DateTime now)
    {
        Item.Reopen(staff, message, now);
        SubmittedAt = null;
        SubmittedByName = null;
        ClosedAt = null;
        ClosedByName = null;
    }

    public static string Describe(RequestInput input, int questionCount) =>
        $"{questionCount} {(questionCount == 1 ? "question" : "questions")}; " +
        (input.ThirdParties.Count == 0 ? "to the account's contacts" : "to " + string.Join(", ", input.ThirdParties.Select(p => $"{p.Name} <{p.Email}>"))) + "; " +
        ActionItemService.DescribeSending(input.Message, input.Reminders);
}
