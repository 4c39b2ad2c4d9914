using ApprovalsPortal.Features.Requests;

namespace ApprovalsPortal.Tests.Unit;

/// <summary>The rules of a client request's questions and answers.</summary>
public sealed class RequestRulesTests
{
    private static readonly RequestQuestionDraft Choice = new(QuestionType.SingleChoice, "Filing status", Options: ["Single", "Married"]);
    private static readonly RequestQuestionDraft Many = new(QuestionType.MultipleChoice, "Income sources", Options: ["Salary", "Rent", "Dividends"]);

    [Fact]
    public void A_request_needs_a_question_and_each_question_its_text_and_options()
    {
        Assert.Equal(["Add at least one question."], RequestRules.ValidateQuestions([new(QuestionType.Section, "About you")]));
        Assert.Equal([
            "Question 1: enter the question.",
            "Question 2: give at least two options to choose from.",
            "Question 3: an option is empty; fill it in or remove it.",
            "Question 4: two options say the same; each must differ.",
            "Section 1: enter the heading.",
        ], RequestRules.ValidateQuestions([
            new(QuestionType.ShortText, "  "),
            new(QuestionType.SingleChoice, "Pick", Options: ["Only"]),
            new(QuestionType.MultipleChoice, "Pick", Options: ["A", " ", "B"]),
            new(QuestionType.SingleChoice, "Pick", Options: ["Yes", "yes "]),
            new(QuestionType.Section, ""),
        ]));
        Assert.Empty(RequestRules.ValidateQuestions([new(QuestionType.Section, "About you", "A few details"), Choice, Many]));
    }

    [Fact]
    public void Long_texts_and_too_many_options_are_refused_with_their_limits()
    {
        var errors = RequestRules.ValidateQuestions([
            new(QuestionType.LongText, new string('x', RequestRules.MaxLabelLength + 1), new string('y', RequestRules.MaxDescriptionLength + 1)),
            new(QuestionType.SingleChoice, "Pick", Options: Enumerable.Range(1, RequestRules.MaxOptions + 1).Select(i => $"Option {i}").ToList()),
        ]);
        Assert.Equal([
            $"Question 1: the text must be at most {RequestRules.MaxLabelLength} characters.",
            $"Question 1: the description must be at most {RequestRules.MaxDescriptionLength} characters.",
            $"Question 2: at most {RequestRules.MaxOptions} options.",
        ], errors);
    }

    [Fact]
    public void Kept_questions_are_trimmed_and_a_heading_is_never_required()
    {
        var kept = RequestRules.Normalize([new(QuestionType.Section, " About you ", Required: true), new(QuestionType.ShortText, "Name", Options: ["stray"], ManyFiles: true)]);
        Assert.Equal(("About you", false), (kept[0].Label, kept[0].Required));
        Assert.Equal((0, false), (kept[1].Choices.Count, kept[1].ManyFiles));
    }

    [Theory]
    [InlineData(QuestionType.Number, "1250.50", null)]
    [InlineData(QuestionType.Number, "-3", null)]
    [InlineData(QuestionType.Number, "1250,50", null)]
    [InlineData(QuestionType.Number, "1,250.50", "Enter a number, such as 1250.50.")]
    [InlineData(QuestionType.Number, "twelve", "Enter a number, such as 1250.50.")]
    [InlineData(QuestionType.Date, "2026-04-30", null)]
    [InlineData(QuestionType.Date, "30/04/2026", "Enter a date, such as 2026-04-30.")]
    [InlineData(QuestionType.YesNo, "yes", null)]
    [InlineData(QuestionType.YesNo, "maybe", "Answer yes or no.")]
    [InlineData(QuestionType.ShortText, "", null)]
    public void Typed_answers_are_checked_for_their_type(QuestionType type, string value, string? message) =>
        Assert.Equal(message, RequestRules.CheckAnswer(new(type, "Q"), value));

    [Fact]
    public void Answers_have_length_limits_and_choices_must_be_offered()
    {
        Assert.Equal($"At most {RequestRules.MaxShortAnswerLength} characters.", RequestRules.CheckAnswer(new(QuestionType.ShortText, "Q"), new string('a', RequestRules.MaxShortAnswerLength + 1)));
        Assert.Null(RequestRules.CheckAnswer(new(QuestionType.LongText, "Q"), new string('a', RequestRules.MaxShortAnswerLength + 1)));
        Assert.Equal("At most 10,000 characters.", RequestRules.CheckAnswer(new(QuestionType.LongText, "Q"), new string('a', RequestRules.MaxLongAnswerLength + 1)));
        Assert.Null(RequestRules.CheckAnswer(Choice, "Married"));
        Assert.Equal("Choose one of the options.", RequestRules.CheckAnswer(Choice, "Divorced"));
        Assert.Null(RequestRules.CheckAnswer(Many, RequestRules.ChoicesValue(["Rent", "Salary"])));
        Assert.Equal("Choose among the options.", RequestRules.CheckAnswer(Many, RequestRules.ChoicesValue(["Rent", "Lottery"])));
        Assert.Equal("Choose among the options.", RequestRules.CheckAnswer(Many, "<b>Rent</b>"));
    }

    [Fact]
    public void Submitting_names_each_missing_required_answer()
    {
        RequestQuestionDraft[] questions = [
            new(QuestionType.Section, "About you", Required: true),
            new(QuestionType.ShortText, "Bank name", Required: true),
            new(QuestionType.Date, "Year end", Required: true),
            new(QuestionType.LongText, "Anything else"),
        ];
        var missing = RequestRules.MissingRequired(questions, i => i == 2);
        Assert.Equal(["Bank name"], missing);
        Assert.Equal("Please answer \"Bank name\" before submitting.", RequestRules.MissingMessage(missing));
        Assert.Equal("Please answer these before submitting: \"Bank name\", \"Year end\".", RequestRules.MissingMessage(RequestRules.MissingRequired(questions, _ => false)));
    }

    [Fact]
    public void The_editor_moves_duplicates_and_removes_questions()
    {
        IReadOnlyList<RequestQuestionDraft> questions = [new(QuestionType.ShortText, "A"), new(QuestionType.ShortText, "B"), Choice];
        Assert.Equal(["B", "A", "Filing status"], QuestionList.Move(questions, 0, 1).Select(q => q.Label));
        Assert.Equal(["Filing status", "A", "B"], QuestionList.Move(questions, 2, 0).Select(q => q.Label));
        var duplicated = QuestionList.Duplicate(questions, 2);
        Assert.Equal(["A", "B", "Filing status", "Filing status (copy)"], duplicated.Select(q => q.Label));
        Assert.Equal(Choice.Choices, duplicated[3].Choices);
        Assert.NotSame(Choice.Choices, duplicated[3].Choices);
        Assert.Equal(["A", "Filing status"], QuestionList.Remove(questions, 1).Select(q => q.Label));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuestionList.Remove(questions, 3));
    }

    [Fact]
    public void Questions_and_headings_are_named_as_the_editor_shows_them()
    {
        IReadOnlyList<RequestQuestionDraft> questions = [new(QuestionType.Section, "About you"), new(QuestionType.ShortText, "Name"), new(QuestionType.Section, "Money"), new(QuestionType.Number, "Income")];
        Assert.Equal(["Section 1", "Question 1", "Section 2", "Question 2"], questions.Select((_, i) => RequestRules.NameOf(questions, i)));
    }

    [Fact]
    public void Text_is_measured_as_typed_so_spaces_cannot_carry_it_past_the_limit()
    {
        var question = new RequestQuestionDraft(QuestionType.ShortText, "Name");
        Assert.Null(RequestRules.CheckAnswer(question, new string('x', RequestRules.MaxShortAnswerLength)));
        Assert.Equal($"At most {RequestRules.MaxShortAnswerLength} characters.", RequestRules.CheckAnswer(question, "x" + new string(' ', RequestRules.MaxShortAnswerLength)));
    }
}
