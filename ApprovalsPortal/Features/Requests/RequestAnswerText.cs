using System.Globalization;

namespace ApprovalsPortal.Features.Requests;

/// <summary>An answer as people read it (the page, the email, the CSV): choices listed, yes/no in words, files by name.</summary>
public static class RequestAnswerText
{
    public const string NoAnswer = "(no answer)";

    public static string Of(QuestionAnswerRow row)
    {
        if (row.Question.Type == QuestionType.FileUpload)
            return row.Files.Count == 0 ? NoAnswer : string.Join(", ", row.Files.Select(f => f.FileName));
        var value = row.Value.Trim();
        if (value.Length == 0) return NoAnswer;
        return row.Question.Type switch
        {
            QuestionType.YesNo => value == "yes" ? "Yes" : "No",
            QuestionType.MultipleChoice => RequestRules.Choices(value) is { Count: > 0 } chosen ? string.Join(", ", chosen) : NoAnswer,
            QuestionType.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
                date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
            _ => value,
        };
    }
}
