using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Signatures;

/// <summary>
/// What staff hear when everyone has signed, added to the caller's DbContext so it commits with the signatures.
/// (Requests, resends and reminders to signers are emailed by the action-item core.)
/// </summary>
public sealed class SignatureMail(EmailComposer composer, Outbox outbox, ActionItemInbox inbox, ActionItemKinds kinds, IOptions<PortalOptions> options)
{
    private PortalOptions Portal => options.Value;

    public async Task QueueSignedAsync(AppDbContext db, SignatureRequest request, string signedName, CancellationToken ct)
    {
        var accountId = request.Item.ClientAccountId;
        var accountName = await db.ClientAccounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);
        var signers = string.Join(", ", request.Signers.OrderBy(s => s.Position).Select(s => s.Name));
        var people = await inbox.TellAsync(db, request.Item, $"Signed by all: {request.Item.Title}", $"{accountName}: {signers}", ct);
        var url = Portal.PublicUri(kinds[request.Item.Kind].StaffHref(ActionItemMail.LinkOf(request.Item))).ToString();
        foreach (var person in people)
        {
            var model = new SignedEmailModel(Portal.FirmName, person.Name, accountName, request.Item.Title, signers, signedName, url);
            outbox.Add(db, new EmailRecipient(person.Name, person.Email), await composer.ComposeAsync<SignedEmail, SignedEmailModel>(model));
        }
    }
}

public sealed record SignedEmailModel(string FirmName, string StaffName, string AccountName, string DocumentName, string Signers, string SignedName, string Url) : IEmailModel
{
    public string Subject => $"Signed by all: {DocumentName}";

    public string ToText() =>
        $"Hello {StaffName},\n\n{Signers} ({AccountName}) signed {DocumentName}. The signed copy is \"{SignedName}\", next to the original.\n\nOpen the signatures: {Url}\n";
}
