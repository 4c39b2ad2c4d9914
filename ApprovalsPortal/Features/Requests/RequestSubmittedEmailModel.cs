using System.Globalization;
using System.Text;
using ApprovalsPortal.Features.Email;

namespace ApprovalsPortal.Features.Requests;

/// <summary>One question and its answer as staff read them in the email (long answers shortened).</summary>
public sealed record SubmittedAnswer(string Question, string Answer);

public sealed record RequestSubmittedEmailModel(
    string FirmName,
    string StaffName,
    string AnswererName,
    string AccountName,
    string Title,
    IReadOnlyList<SubmittedAnswer> Answers,
    string RequestUrl) : IEmailModel
{
    public string Subject => $"{AnswererName} answered {Title}";

    public string ToText()
    {
        var text = new StringBuilder($"Hello {StaffName},\n\n{AnswererName} ({AccountName}) submitted the answers to {Title}.\n\n");
        foreach (var answer in Answers) text.Append(CultureInfo.InvariantCulture, $"{answer.Question}\n  {answer.Answer}\n\n");
        return text.Append(CultureInfo.InvariantCulture, $"Open the request: {RequestUrl}\n").ToString();
    }
}
