using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Requests;

/// <summary>
/// The answerer's side, for a signed-in contact and for a third party by link alike: the sheet, answers saved as
/// they are typed, files, and submitting. Every call checks access again, so a revoked link or a cancel takes effect
/// on a page that is already open.
/// </summary>
public sealed class RequestAnswering(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemService items,
    DocumentService documents,
    RequestLinks links,
    RequestMail mail,
    PortalEvents events,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<RequestAnswering> logger)
{
    private sealed record Access(int RequestId, int AccountId, PortalUser Actor, bool ViewOnly);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The request a link opens, for the link page; throws <see cref="LinkUnavailableException"/> when it opens none.</summary>
    public async Task<int> RequestIdForLinkAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ResolveAsync(db, RequestAnswerer.ForLink(token), null, ct)).RequestId;
    }

    public async Task<AnswerSheet> OpenAsync(RequestAnswerer who, int? requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await ResolveAsync(db, who, requestId, ct);
        var request = await db.ClientRequests.AsNoTracking().Where(r => r.Id == access.RequestId)
            .Select(r => new { r.Item.Title, r.Item.Message, r.Item.RequestedByName, r.Item.LastSentAt, r.Item.Status, r.ClosedAt, r.SubmittedAt, r.SubmittedByName })
            .SingleAsync(ct);
        var status = ClientRequest.StatusOf(request.Status, request.ClosedAt != null);
        string? reason = status switch
        {
            RequestStatus.Submitted => "These answers were submitted. If something must change, contact " + request.RequestedByName + ".",
            RequestStatus.Completed => "This request is completed: the firm has what it needed.",
            RequestStatus.Cancelled => "The firm withdrew this request: nothing more is needed.",
            _ => access.ViewOnly ? "This is a read-only view of the client's portal: nothing can be answered here." : null,
        };
        return new AnswerSheet(access.RequestId, request.Title, request.Message, request.RequestedByName, request.LastSentAt, status, reason is null, reason,
            access.Actor.Name, await RequestQueries.QuestionsAsync(db, access.RequestId, ct), request.SubmittedAt, request.SubmittedByName);
    }

    /// <summary>The account's events carry the request's id; the answering page listens for its own.</summary>
    public async Task<int> AccountIdAsync(RequestAnswerer who, int? requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ResolveAsync(db, who, requestId, ct)).AccountId;
    }

    /// <summary>
    /// Saves one typed answer (empty clears it); the first answer moves the request to In progress. Refused with the
    /// field's message when the value does not fit the question.
    /// </summary>
    public async Task<DateTime> SaveAnswerAsync(RequestAnswerer who, int? requestId, int questionId, string? value, CancellationToken ct = default)
    {
        value ??= "";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await WritableAsync(db, who, requestId, ct);

        var now = Now;
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var item = await ClaimAsync(db, access.RequestId, "answered", ct);
        // Read once the write lock is held: a change of questions by staff cannot slip in between.
        var question = await QuestionAsync(db, access.RequestId, questionId, ct);
        if (question.Type is QuestionType.FileUpload or QuestionType.Section) throw new PortalRuleException("This question is not answered with text.");
        if (RequestRules.CheckAnswer(question.ToDraft(), value) is { } error) throw new PortalRuleException(error);
        if (question.Type is QuestionType.Number or QuestionType.Date or QuestionType.YesNo) value = value.Trim();
        var answer = await db.RequestAnswers.SingleOrDefaultAsync(a => a.QuestionId == questionId, ct);
        if (answer is null) db.RequestAnswers.Add(answer = new RequestAnswer { ClientRequestId = access.RequestId, QuestionId = questionId });
        answer.Value = value;
        answer.UpdatedAt = now;
        answer.UpdatedByName = access.Actor.Name;
        var started = item.Status == ActionItemStatus.Pending;
        if (started) item.Start();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        if (started) logger.LogInformation("Client request {RequestId} started by {UserId}", access.RequestId, access.Actor.UserId);
        events.Publish(ActionItemService.EventFor(item, PortalEventKind.ItemChanged));
        return now;
    }

    /// <summary>Checks and stores one file for a file question (a single-file question's new file replaces the old).</summary>
    public async Task<AnswerFileRow> AddFileAsync(RequestAnswerer who, int? requestId, int questionId, string fileName, long size, Stream content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await WritableAsync(db, who, requestId, ct);
        // Checked before a byte is stored, and again under the write lock below.
        var status = await db.ActionItems.AsNoTracking().Where(i => i.Id == access.RequestId).Select(i => i.Status).SingleAsync(ct);
        items.EnsureWaiting(ClientRequest.Kind, status, "answered");
        var question = await QuestionAsync(db, access.RequestId, questionId, ct);
        if (question.Type != QuestionType.FileUpload) throw new PortalRuleException("This question is not answered with a file.");
        if (await db.RequestFiles.CountAsync(f => f.ClientRequestId == access.RequestId, ct) >= RequestRules.MaxFilesPerRequest)
            throw new PortalRuleException($"A request takes at most {RequestRules.MaxFilesPerRequest} files. Remove one first, or send the rest to the firm another way.");
        var count = await db.RequestFiles.CountAsync(f => f.QuestionId == questionId, ct);
        if (question.ManyFiles && count >= RequestRules.MaxFilesPerQuestion)
            throw new PortalRuleException($"At most {RequestRules.MaxFilesPerQuestion} files for one question. Remove one first.");

        var name = Path.GetFileName(fileName ?? "");
        var staged = await documents.StageCheckedAsync(name, size, content, null, ct);
        if (!staged.Accepted) throw new PortalRuleException($"{name}: {staged.Error}");
        if (name.Length > RequestFile.MaxNameLength) name = name[..(RequestFile.MaxNameLength - 10)] + Path.GetExtension(name);

        var now = Now;
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var item = await ClaimAsync(db, access.RequestId, "answered", ct);
        await QuestionAsync(db, access.RequestId, questionId, ct);
        // A file that became a document at an earlier submission stays the account's document; only its answer changes.
        if (!question.ManyFiles) db.RequestFiles.RemoveRange(await db.RequestFiles.Where(f => f.QuestionId == questionId && f.DocumentId == null).ToListAsync(ct));
        var file = new RequestFile
        {
            ClientRequestId = access.RequestId, QuestionId = questionId, FileName = name, ContentType = staged.File!.ContentType,
            SizeBytes = staged.File.Size, Sha256 = staged.File.Sha256, UploadedAt = now, UploadedByName = access.Actor.Name,
        };
        db.RequestFiles.Add(file);
        if (item.Status == ActionItemStatus.Pending) item.Start();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        events.Publish(ActionItemService.EventFor(item, PortalEventKind.ItemChanged));
        return new AnswerFileRow(file.Id, file.FileName, file.SizeBytes, file.ContentType, file.UploadedAt, file.UploadedByName, null);
    }

    public async Task RemoveFileAsync(RequestAnswerer who, int? requestId, int fileId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await WritableAsync(db, who, requestId, ct);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var item = await ClaimAsync(db, access.RequestId, "changed", ct);
        var file = await db.RequestFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.ClientRequestId == access.RequestId, ct);
        if (file is null) return;
        if (file.DocumentId is not null)
            throw new PortalRuleException($"{file.FileName} was saved as a document of the account when the answers were submitted, so it stays. Ask the firm if it should be removed.");
        db.RequestFiles.Remove(file);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        events.Publish(ActionItemService.EventFor(item, PortalEventKind.ItemChanged));
    }

    /// <summary>
    /// Submits the answers: every required question must be answered (the message names each missing one). Files
    /// become documents of the account in the request's folder; staff are told; a linked job may move on.
    /// </summary>
    public async Task SubmitAsync(RequestAnswerer who, int? requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await WritableAsync(db, who, requestId, ct);
        var now = Now;
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        await ClaimAsync(db, access.RequestId, "submitted", ct);
        var request = await db.ClientRequests.Include(r => r.Item).Include(r => r.Questions).SingleAsync(r => r.Id == access.RequestId, ct);
        var questions = request.Questions.OrderBy(q => q.Position).ToList();
        var answers = await db.RequestAnswers.Where(a => a.ClientRequestId == request.Id).ToDictionaryAsync(a => a.QuestionId, ct);
        var files = await db.RequestFiles.Where(f => f.ClientRequestId == request.Id).OrderBy(f => f.Id).ToListAsync(ct);
        var missing = RequestRules.MissingRequired(questions.Select(q => q.ToDraft()).ToList(), i => questions[i].Type == QuestionType.FileUpload
            ? files.Any(f => f.QuestionId == questions[i].Id)
            : answers.TryGetValue(questions[i].Id, out var a) && !string.IsNullOrWhiteSpace(a.Value) && a.Value != "[]");
        if (missing.Count > 0) throw new PortalRuleException(RequestRules.MissingMessage(missing));

        var newDocuments = new List<Document>();
        var folderName = "";
        if (files.Any(f => f.DocumentId == null))
        {
            var folder = await UploadFolderAsync(db, request, now, ct);
            folderName = folder.Name;
            foreach (var file in files.Where(f => f.DocumentId == null))
            {
                var label = questions.Single(q => q.Id == file.QuestionId).Label;
                var document = DocumentService.NewDocument(request.Item.ClientAccountId, folder.Id, folder.Name,
                    new StagedUpload(file.FileName, file.ContentType, file.SizeBytes, file.Sha256),
                    $"Answer to \"{Shorten(label)}\" in the request \"{Shorten(request.Item.Title)}\"", access.Actor, now, $" with the answers to the request \"{request.Item.Title}\"");
                db.Documents.Add(document);
                newDocuments.Add(document);
            }
            await db.SaveChangesAsync(ct);
            foreach (var (file, document) in files.Where(f => f.DocumentId == null).Zip(newDocuments)) file.DocumentId = document.Id;
        }
        var answered = questions.Count(q => q.Type == QuestionType.FileUpload ? files.Any(f => f.QuestionId == q.Id)
            : answers.TryGetValue(q.Id, out var a) && !string.IsNullOrWhiteSpace(a.Value) && a.Value != "[]");
        request.Submit(access.Actor, now, $"{answered} of {questions.Count(q => q.Type.IsAnswered())} questions answered"
            + (newDocuments.Count == 0 ? "" : $"; {newDocuments.Count} {(newDocuments.Count == 1 ? "file" : "files")} saved to \"{folderName}\""));
        await mail.QueueSubmittedAsync(db, request, access.Actor.Name, await RequestQueries.QuestionsAsync(db, request.Id, ct), ct);
        await items.SaveRacingAsync(db, request.Item, "submitted", ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Client request {RequestId} submitted by {UserId}", request.Id, access.Actor.UserId);
        foreach (var document in newDocuments) events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, document.ClientAccountId, document.Id));
        await items.AnsweredAsync(request.Item, ct);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    /// <summary>The request's folder, or the account's "Client uploads" folder, made (client-visible) when it is first needed.</summary>
    private async Task<Folder> UploadFolderAsync(AppDbContext db, ClientRequest request, DateTime now, CancellationToken ct)
    {
        var accountId = request.Item.ClientAccountId;
        if (request.UploadFolderId is { } id && await db.Folders.SingleOrDefaultAsync(f => f.Id == id && f.ClientAccountId == accountId, ct) is { } chosen)
            return chosen;
        var name = options.Value.Requests.UploadFolderName;
        var folder = await db.Folders.FirstOrDefaultAsync(f => f.ClientAccountId == accountId && f.Name == name, ct);
        if (folder is not null) return folder;
        folder = new Folder { ClientAccountId = accountId, Name = name, Access = FolderAccess.ClientCanView, CreatedAt = now };
        db.Folders.Add(folder);
        await db.SaveChangesAsync(ct);
        return folder;
    }

    /// <summary>
    /// The transaction's first statement: a write on the item that only matches while it waits for the client. It
    /// takes SQLite's write lock, so a submit, a cancel or another answer cannot slip in between the check and the
    /// save; and it refuses an item that no longer waits, in the kind's words.
    /// </summary>
    private async Task<ActionItem> ClaimAsync(AppDbContext db, int requestId, string attempted, CancellationToken ct)
    {
        var claimed = await db.ActionItems.Where(i => i.Id == requestId && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, i => i.Status), ct);
        var item = await db.ActionItems.SingleAsync(i => i.Id == requestId, ct);
        if (claimed == 0) items.EnsureWaiting(ClientRequest.Kind, item.Status, attempted);
        return item;
    }

    private static async Task<RequestQuestion> QuestionAsync(AppDbContext db, int requestId, int questionId, CancellationToken ct) =>
        await db.RequestQuestions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == questionId && q.ClientRequestId == requestId, ct)
        ?? throw new PortalRuleException("The firm changed the questions meanwhile. Reload the page to see them.");

    private async Task<Access> WritableAsync(AppDbContext db, RequestAnswerer who, int? requestId, CancellationToken ct)
    {
        var access = await ResolveAsync(db, who, requestId, ct);
        if (access.ViewOnly) throw new PortalRuleException("This is a read-only view of the client's portal: nothing can be answered here.");
        return access;
    }

    /// <summary>
    /// Who may open which request: a third party only the request of their link (while it opens it); a signed-in
    /// contact with portal access a request of their account that was sent to the account's contacts. Anything else
    /// reads as not found, revealing nothing.
    /// </summary>
    private async Task<Access> ResolveAsync(AppDbContext db, RequestAnswerer who, int? requestId, CancellationToken ct)
    {
        if (who.Token is { } token)
        {
            var (link, refusal) = await links.FindAsync(db, token, ct);
            if (link is null) throw new LinkUnavailableException(refusal!);
            var id = link.ThirdParty!.ClientRequestId;
            if (requestId is { } asked && asked != id) throw new NotFoundOrForbiddenException("The request");
            var accountId = await db.ActionItems.Where(i => i.Id == id).Select(i => i.ClientAccountId).SingleAsync(ct);
            return new Access(id, accountId, RequestLinks.ActorFor(link.ThirdParty), false);
        }
        var user = who.Client ?? throw new NotFoundOrForbiddenException("The request");
        if (requestId is not { } requestIdValue || !(user.IsClient || user.ReadOnly)) throw new NotFoundOrForbiddenException("The request");
        var found = await db.ActionItems.AsNoTracking()
            .Where(i => i.Id == requestIdValue && i.Kind == ClientRequest.Kind && !i.ExternalAudience
                        && db.Contacts.Any(c => c.UserId == user.UserId && c.PortalAccess && c.ClientAccountId == i.ClientAccountId))
            .Select(i => new { i.ClientAccountId }).SingleOrDefaultAsync(ct) ?? throw new NotFoundOrForbiddenException("The request");
        return new Access(requestIdValue, found.ClientAccountId, user, user.ReadOnly);
    }
}
