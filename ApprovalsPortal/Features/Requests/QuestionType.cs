namespace ApprovalsPortal.Features.Requests;

/// <summary>What a question of a client request asks for; a section heading asks nothing and groups what follows.</summary>
public enum QuestionType
{
    ShortText,
    LongText,
    Number,
    Date,
    YesNo,
    SingleChoice,
    MultipleChoice,
    FileUpload,
    Section,
}

public static class QuestionTypes
{
    public static bool HasOptions(this QuestionType type) => type is QuestionType.SingleChoice or QuestionType.MultipleChoice;

    /// <summary>A heading is not answered, so it can be neither required nor missing.</summary>
    public static bool IsAnswered(this QuestionType type) => type != QuestionType.Section;

    /// <summary>The words the editor and the staff page use for a type.</summary>
    public static string Label(this QuestionType type) => type switch
    {
        QuestionType.ShortText => "Short text",
        QuestionType.LongText => "Long text",
        QuestionType.Number => "Number",
        QuestionType.Date => "Date",
        QuestionType.YesNo => "Yes / no",
        QuestionType.SingleChoice => "Single choice",
        QuestionType.MultipleChoice => "Multiple choice",
        QuestionType.FileUpload => "File upload",
        _ => "Section heading",
    };
}
