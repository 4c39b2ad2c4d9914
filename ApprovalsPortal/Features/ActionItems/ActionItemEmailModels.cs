using System.Globalization;
using System.Text;
using ApprovalsPortal.Features.Email;

namespace ApprovalsPortal.Features.ActionItems;

public sealed record ActionItemEmailModel(
    string FirmName,
    string RecipientName,
    string Subject,
    string Lead,
    string Title,
    string Message,
    string StaffName,
    string ButtonText,
    string Url) : IEmailModel
{
    public string ToText()
    {
        var text = new StringBuilder($"Hello {RecipientName},\n\n{Lead}\n\n{Title}\n\n");
        if (!string.IsNullOrWhiteSpace(Message)) text.Append(CultureInfo.InvariantCulture, $"\"{Message}\"\n— {StaffName}\n\n");
        return text.Append(CultureInfo.InvariantCulture, $"{ButtonText}: {Url}\n\n— {FirmName}\n").ToString();
    }
}

public sealed record ActionItemListEntry(string Title, string Url);

public sealed record ActionItemListEmailModel(
    string FirmName,
    string RecipientName,
    string Subject,
    string Lead,
    IReadOnlyList<ActionItemListEntry> Items,
    string Message,
    string StaffName,
    string ButtonText,
    string PortalUrl) : IEmailModel
{
    public string ToText()
    {
        var text = new StringBuilder($"Hello {RecipientName},\n\n{Lead}\n\n");
        foreach (var item in Items) text.Append(CultureInfo.InvariantCulture, $"- {item.Title}: {item.Url}\n");
        if (!string.IsNullOrWhiteSpace(Message)) text.Append(CultureInfo.InvariantCulture, $"\n\"{Message}\"\n— {StaffName}\n");
        return text.Append(CultureInfo.InvariantCulture, $"\n{ButtonText}: {PortalUrl}\n\n— {FirmName}\n").ToString();
    }
}
