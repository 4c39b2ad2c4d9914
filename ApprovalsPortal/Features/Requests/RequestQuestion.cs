namespace ApprovalsPortal.Features.Requests;

/// <summary>One question (or section heading) of a request, in its place; options are kept as a JSON array.</summary>
public sealed class RequestQuestion
{
    public int Id { get; private set; }
    public int ClientRequestId { get; private set; }
    public int Position { get; private set; }
    public QuestionType Type { get; private set; }
    public string Label { get; private set; } = "";
    public string Description { get; private set; } = "";
    public bool Required { get; private set; }
    public string Options { get; private set; } = "[]";
    public bool ManyFiles { get; private set; }

    public static RequestQuestion From(RequestQuestionDraft draft, int position) => new()
    {
        Position = position,
        Type = draft.Type,
        Label = draft.Label,
        Description = draft.Description,
        Required = draft.Required,
        Options = RequestRules.ChoicesValue(draft.Choices),
        ManyFiles = draft.ManyFiles,
    };

    public RequestQuestionDraft ToDraft() => new(Type, Label, Description, Required, RequestRules.Choices(Options) ?? [], ManyFiles);
}

/// <summary>
/// The current answer to one text-like question, whoever typed it last; saved as it is typed, so two contacts of the
/// account answering together each save their own questions.
/// </summary>
public sealed class RequestAnswer
{
    public int Id { get; set; }
    public int ClientRequestId { get; set; }
    public int QuestionId { get; set; }
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
}

/// <summary>
/// A file given in answer to a file question: checked and stored at once, it becomes a document of the account in
/// the request's folder when the request is submitted (<see cref="DocumentId"/>).
/// </summary>
public sealed class RequestFile
{
    public const int MaxNameLength = 255;

    public int Id { get; set; }
    public int ClientRequestId { get; set; }
    public int QuestionId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string UploadedByName { get; set; } = "";
    public int? DocumentId { get; set; }
}
