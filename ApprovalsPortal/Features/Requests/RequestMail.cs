using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Requests;

/// <summary>
/// What staff hear of a submission, added to the caller's DbContext so it commits with it. (Requests, resends,
/// reminders and reopenings are emailed by the action-item core.)
/// </summary>
public sealed class RequestMail(EmailComposer composer, Outbox outbox, ActionItemInbox inbox, ActionItemKinds kinds, IOptions<PortalOptions> options)
{
    private const int MaxAnswerLength = 300;

    private PortalOptions Portal => options.Value;

    /// <summary>An inbox item and, per their preferences, an email with the answers for the staff member who sent it (and admins who hear of all).</summary>
    public async Task QueueSubmittedAsync(AppDbContext db, ClientRequest request, string answererName, IReadOnlyList<QuestionAnswerRow> questions, CancellationToken ct)
    {
        var accountId = request.Item.ClientAccountId;
        var accountName = await db.ClientAccounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);
        var people = await inbox.TellAsync(db, request.Item, $"{answererName} answered {request.Item.Title}", accountName, ct);
        var url = Portal.PublicUri(kinds[request.Item.Kind].StaffHref(ActionItemMail.LinkOf(request.Item))).ToString();
        var answers = questions.Where(q => q.Question.Type.IsAnswered()).Select(q => new SubmittedAnswer(q.Question.Label, Shorten(RequestAnswerText.Of(q)))).ToList();
        foreach (var person in people)
        {
            var model = new RequestSubmittedEmailModel(Portal.FirmName, person.Name, answererName, accountName, request.Item.Title, answers, url);
            outbox.Add(db, new EmailRecipient(person.Name, person.Email), await composer.ComposeAsync<RequestSubmittedEmail, RequestSubmittedEmailModel>(model));
        }
    }

    private static string Shorten(string text) => text.Length <= MaxAnswerLength ? text : text[..(MaxAnswerLength - 3)] + "...";
}
