using System.Globalization;
using System.Text;
using ApprovalsPortal.Features.Email;

namespace ApprovalsPortal.Features.Approvals;

public sealed record DecisionEmailModel(
    string FirmName,
    string StaffName,
    string ClientName,
    string AccountName,
    string DocumentName,
    bool Approved,
    IReadOnlyList<string> Reasons,
    string Comment,
    string DocumentUrl) : IEmailModel
{
    public string Subject => $"{ClientName} {(Approved ? "approved" : "disapproved")} {DocumentName}";

    public string ToText()
    {
        var text = new StringBuilder($"Hello {StaffName},\n\n{ClientName} ({AccountName}) {(Approved ? "approved" : "disapproved")} {DocumentName}.\n\n");
        foreach (var reason in Reasons) text.Append(CultureInfo.InvariantCulture, $"- {reason}\n");
        if (!string.IsNullOrWhiteSpace(Comment)) text.Append(CultureInfo.InvariantCulture, $"\n\"{Comment}\"\n");
        return text.Append(CultureInfo.InvariantCulture, $"\nOpen the document: {DocumentUrl}\n").ToString();
    }
}
