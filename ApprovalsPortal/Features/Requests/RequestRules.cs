using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Requests;

/// <summary>
/// The rules of a client request's questions and answers, without a database: what a question needs before it is
/// sent, what an answer must look like for its type, and which required questions are still unanswered. The editor
/// and the answering page show these messages; the services refuse the same values.
/// </summary>
public static class RequestRules
{
    public const int MaxQuestions = 100;
    public const int MaxLabelLength = 500;
    public const int MaxDescriptionLength = 2000;
    public const int MaxOptions = 50;
    public const int MaxOptionLength = 200;
    public const int MaxShortAnswerLength = 500;
    public const int MaxLongAnswerLength = 10_000;
    public const int MaxFilesPerQuestion = 20;
    /// <summary>All files of one request together, so a link's holder cannot fill the disk.</summary>
    public const int MaxFilesPerRequest = 100;
    public const int MaxThirdParties = 20;

    /// <summary>Everything wrong with a request as staff built it, in the words the editor shows.</summary>
    public static IReadOnlyList<string> ValidateRequest(RequestInput input)
    {
        var errors = new List<string>();
        var title = (input.Title ?? "").Trim();
        if (title.Length == 0) errors.Add("Enter a title: the client sees it in the email and in their list.");
        if (title.Length > ActionItem.MaxTitleLength) errors.Add($"The title must be at most {ActionItem.MaxTitleLength} characters.");
        errors.AddRange(ActionItem.Validate(input.Message, input.Reminders));
        errors.AddRange(ValidateQuestions(input.Questions));
        if (input.ThirdParties.Count > MaxThirdParties) errors.Add($"At most {MaxThirdParties} people outside the portal.");
        for (var i = 0; i < input.ThirdParties.Count; i++)
        {
            var person = input.ThirdParties[i];
            var who = $"Person {i + 1}";
            var name = (person.Name ?? "").Trim();
            if (name.Length == 0) errors.Add($"{who}: enter their name.");
            if (name.Length > RequestThirdParty.MaxNameLength) errors.Add($"{who}: the name must be at most {RequestThirdParty.MaxNameLength} characters.");
            if (!IsEmail(person.Email)) errors.Add($"{who}: enter a valid email address, such as name@example.com.");
        }
        if (input.ThirdParties.Select(p => (p.Email ?? "").Trim()).Where(e => e.Length > 0).GroupBy(e => e, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
            errors.Add("The same email address is entered twice.");
        return errors;
    }

    /// <summary>A plain address (no display name), as it can be emailed and shown.</summary>
    public static bool IsEmail(string? value)
    {
        value = (value ?? "").Trim();
        if (value.Length is 0 or > RequestThirdParty.MaxEmailLength || value.Contains(' ', StringComparison.Ordinal)) return false;
        return MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>Everything wrong with the questions, each message naming the question by its number; empty when they can be sent.</summary>
    public static IReadOnlyList<string> ValidateQuestions(IReadOnlyList<RequestQuestionDraft> questions)
    {
        var errors = new List<string>();
        if (!questions.Any(q => q.Type.IsAnswered())) errors.Add("Add at least one question.");
        if (questions.Count > MaxQuestions) errors.Add($"A request can have at most {MaxQuestions} questions and headings.");
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            var name = NameOf(questions, i);
            var label = (question.Label ?? "").Trim();
            if (label.Length == 0) errors.Add(question.Type == QuestionType.Section ? $"{name}: enter the heading." : $"{name}: enter the question.");
            if (label.Length > MaxLabelLength) errors.Add($"{name}: the text must be at most {MaxLabelLength} characters.");
            if ((question.Description ?? "").Length > MaxDescriptionLength) errors.Add($"{name}: the description must be at most {MaxDescriptionLength} characters.");
            if (!question.Type.HasOptions()) continue;
            var options = question.Choices.Select(o => (o ?? "").Trim()).ToList();
            if (options.Count(o => o.Length > 0) < 2) errors.Add($"{name}: give at least two options to choose from.");
            if (options.Any(o => o.Length == 0)) errors.Add($"{name}: an option is empty; fill it in or remove it.");
            if (options.Count > MaxOptions) errors.Add($"{name}: at most {MaxOptions} options.");
            if (options.Any(o => o.Length > MaxOptionLength)) errors.Add($"{name}: each option must be at most {MaxOptionLength} characters.");
            if (options.Where(o => o.Length > 0).GroupBy(o => o, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
                errors.Add($"{name}: two options say the same; each must differ.");
        }
        return errors;
    }

    /// <summary>
    /// "Question 2" counts questions only, "Section 1" headings only: the editor's cards and the messages about
    /// them use the same names.
    /// </summary>
    public static string NameOf(IReadOnlyList<RequestQuestionDraft> questions, int index)
    {
        var section = questions[index].Type == QuestionType.Section;
        var number = questions.Take(index + 1).Count(q => (q.Type == QuestionType.Section) == section);
        return section ? $"Section {number}" : $"Question {number}";
    }

    /// <summary>The questions as they are kept: text trimmed, options trimmed, a heading never required.</summary>
    public static IReadOnlyList<RequestQuestionDraft> Normalize(IReadOnlyList<RequestQuestionDraft> questions) =>
        questions.Select(q => q with
        {
            Label = (q.Label ?? "").Trim(),
            Description = (q.Description ?? "").Trim(),
            Required = q.Required && q.Type.IsAnswered(),
            Options = q.Type.HasOptions() ? q.Choices.Select(o => (o ?? "").Trim()).ToList() : [],
            ManyFiles = q.Type == QuestionType.FileUpload && q.ManyFiles,
        }).ToList();

    /// <summary>
    /// What is wrong with a typed answer, in words for the field, or null when it can be saved. An empty answer is
    /// always saved (the client may clear a field); whether it may stay empty is checked on submission.
    /// </summary>
    public static string? CheckAnswer(RequestQuestionDraft question, string? value)
    {
        // Text is kept as typed, so its length counts as typed; the other types are kept trimmed.
        var typed = (value ?? "").Length;
        value = (value ?? "").Trim();
        if (value.Length == 0) return null;
        return question.Type switch
        {
            QuestionType.ShortText when typed > MaxShortAnswerLength => $"At most {MaxShortAnswerLength} characters.",
            QuestionType.LongText when typed > MaxLongAnswerLength => $"At most {MaxLongAnswerLength:N0} characters.",
            QuestionType.Number when !TryNumber(value, out _) => "Enter a number, such as 1250.50.",
            QuestionType.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "Enter a date, such as 2026-04-30.",
            QuestionType.YesNo when value is not ("yes" or "no") => "Answer yes or no.",
            QuestionType.SingleChoice when !question.Choices.Contains(value) => "Choose one of the options.",
            QuestionType.MultipleChoice when Choices(value) is not { } chosen || chosen.Any(c => !question.Choices.Contains(c)) => "Choose among the options.",
            QuestionType.FileUpload or QuestionType.Section => "This question is not answered with text.",
            _ => null,
        };
    }

    /// <summary>The chosen options of a multiple choice answer (kept as a JSON array), or null when it is not one.</summary>
    public static IReadOnlyList<string>? Choices(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<string>>(value) is { } list && list.TrueForAll(c => c is not null) ? list.Distinct().ToList() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string ChoicesValue(IEnumerable<string> chosen) => JsonSerializer.Serialize(chosen.Distinct().ToList());

    /// <summary>
    /// A number with a dot for the decimals or, as many clients type it, a single comma. Thousands separators are
    /// refused rather than guessed at: "1,250" could be either.
    /// </summary>
    public static bool TryNumber(string value, out decimal number)
    {
        const NumberStyles plain = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
        if (decimal.TryParse(value, plain, CultureInfo.InvariantCulture, out number)) return true;
        return value.Count(c => c == ',') == 1 && !value.Contains('.', StringComparison.Ordinal)
               && decimal.TryParse(value.Replace(',', '.'), plain, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Whether a refusal is about the typed value itself (from <see cref="CheckAnswer"/>), rather than the request's state.</summary>
    public static bool IsFieldMessage(string message) => FieldMessages.Contains(message) || message.StartsWith("At most ", StringComparison.Ordinal);

    private static readonly HashSet<string> FieldMessages =
    [
        "Enter a number, such as 1250.50.", "Enter a date, such as 2026-04-30.", "Answer yes or no.", "Choose one of the options.", "Choose among the options.",
    ];

    /// <summary>The required questions still unanswered, by their text, for the message on submission.</summary>
    public static IReadOnlyList<string> MissingRequired(IReadOnlyList<RequestQuestionDraft> questions, Func<int, bool> isAnswered) =>
        questions.Select((q, i) => (q, i)).Where(x => x.q.Required && x.q.Type.IsAnswered() && !isAnswered(x.i)).Select(x => x.q.Label).ToList();

    /// <summary>"Please answer: "Bank name", "Year end"." — what the client reads when submitting too early.</summary>
    public static string MissingMessage(IReadOnlyList<string> missing) =>
        missing.Count == 1 ? $"Please answer \"{missing[0]}\" before submitting." : "Please answer these before submitting: " + string.Join(", ", missing.Select(m => $"\"{m}\"")) + ".";
}
