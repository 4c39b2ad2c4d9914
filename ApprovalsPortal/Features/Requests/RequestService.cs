using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Requests;

/// <summary>
/// Staff's side of client requests: building and sending, changing while Pending, the audience's links, closing and
/// reopening, and what the lists and the request page show. Resends, reminders and cancelling are the core's.
/// </summary>
public sealed class RequestService(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemService items,
    ActionItemMail mail,
    RequestLinks links,
    PortalEvents events,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<RequestService> logger)
{
    private RequestDefaults Defaults => options.Value.Requests;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public ReminderSettings DefaultReminders => new(Defaults.RemindersOn, Defaults.ReminderIntervalDays, Defaults.ReminderCount);

    public async Task<RequestEditorContext> GetEditorContextAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.ClientAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.Name }).SingleOrDefaultAsync(ct)
                      ?? throw new NotFoundOrForbiddenException("The client account");
        var portalContacts = await db.Contacts.CountAsync(c => c.ClientAccountId == accountId && c.PortalAccess, ct);
        var folders = await db.Folders.AsNoTracking().Where(f => f.ClientAccountId == accountId).OrderBy(f => f.Access).ThenBy(f => f.Name)
            .Select(f => new UploadFolderOption(f.Id, f.Access == FolderAccess.StaffOnly ? f.Name + " (staff only)" : f.Name)).ToListAsync(ct);
        return new RequestEditorContext(accountId, account.Name, (await ActionItemMail.RecipientsAsync(db, accountId, ct)).OrderBy(r => r.Name).ToList(),
            portalContacts, await items.ListJobsAsync(actor, accountId, ct), folders, Defaults.UploadFolderName, DefaultReminders);
    }

    /// <summary>A Pending request as the editor shows it, to change; refused once the answerer has started.</summary>
    public async Task<RequestInput> GetInputAsync(PortalUser actor, int requestId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ClientRequests.AsNoTracking().Include(r => r.Item).Include(r => r.Questions).Include(r => r.ThirdParties)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new NotFoundOrForbiddenException("The request");
        EnsureChangeable(request);
        return new RequestInput(request.Item.ClientAccountId, request.Item.Title, request.Item.Message, request.Item.JobId,
            request.Questions.OrderBy(q => q.Position).Select(q => q.ToDraft()).ToList(),
            request.ThirdParties.Where(t => t.RevokedAt == null).OrderBy(t => t.Id).Select(t => new ThirdPartyInput(t.Name, t.Email)).ToList(),
            request.Item.Reminders, request.UploadFolderId);
    }

    /// <summary>Sends a new request: to the account's contacts (email, and a to-do in Pending action) or to third parties by link.</summary>
    public async Task<int> CreateAsync(PortalUser actor, RequestInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        input = Normalize(input);
        ThrowIfInvalid(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await CheckAccountAsync(db, input, ct);

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var jobName = input.JobId is { } jobId ? await items.LinkingJobAsync(db, input.AccountId, jobId, [input.Title], actor, ct) : null;
        var request = ClientRequest.Send(input, input.Questions, actor, Now, jobName);
        db.ClientRequests.Add(request);
        await SaveAsync(db, ct);
        // The emails need the request's id (the portal's link) or its third parties' ids (their links).
        await items.SendAsync(db, request.Item, ct);
        await SaveAsync(db, ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Client request {RequestId} sent to account {AccountId} by {UserId}", request.Id, input.AccountId, actor.UserId);
        items.Published([request.Item], PortalEventKind.ItemRequested);
        return request.Id;
    }

    /// <summary>
    /// Changes a Pending request: questions, title, message, reminders, upload folder and audience. People added are
    /// emailed their link; people removed lose theirs; switching to the account's contacts emails them.
    /// </summary>
    public async Task EditAsync(PortalUser actor, int requestId, RequestInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        input = Normalize(input);
        ThrowIfInvalid(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ClientRequests.Include(r => r.Item).Include(r => r.Questions).Include(r => r.ThirdParties)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new NotFoundOrForbiddenException("The request");
        EnsureChangeable(request);
        input = input with { AccountId = request.Item.ClientAccountId };
        await CheckAccountAsync(db, input, ct);

        var now = Now;
        var wasExternal = request.Item.ExternalAudience;
        var external = input.ThirdParties.Count > 0;
        var active = request.ThirdParties.Where(t => t.RevokedAt == null).ToList();
        var removed = active.Where(t => !input.ThirdParties.Any(p => Same(p.Email, t.Email))).ToList();
        var added = input.ThirdParties.Where(p => !active.Any(t => Same(p.Email, t.Email))).Select(p => RequestThirdParty.Create(p.Name, p.Email, now)).ToList();

        request.Item.Revise(actor, input.Title, input.Message, input.Reminders, now, ClientRequest.Describe(input, input.Questions.Count(q => q.Type.IsAnswered())));
        request.ReplaceQuestions(input.Questions);
        request.ChangeUploadFolder(input.UploadFolderId);
        foreach (var person in removed)
        {
            person.Revoke(actor.Name, now);
            request.Item.Record(actor, AuditAction.LinkRevoked, $"Access withdrawn from {person.Name} <{person.Email}>", now);
        }
        request.ThirdParties.AddRange(added);
        request.Item.ChangeAudience(external);

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The answerer's first answer (or a cancel) landed while staff were editing.
            var status = await db.ActionItems.AsNoTracking().Where(i => i.Id == requestId).Select(i => i.Status).SingleAsync(ct);
            items.EnsureWaiting(ClientRequest.Kind, status, "changed");
            throw new PortalRuleException(status == ActionItemStatus.InProgress
                ? "The client started answering while you were editing, so the questions are locked now. Nothing was changed."
                : "Someone changed this request at the same moment. Look at it again and retry.");
        }
        if (external && added.Count > 0)
        {
            var recipients = await links.MintForAsync(db, request.Id, added.Select(a => a.Id).ToList(), now, ct);
            await mail.QueueAsync(db, [request.Item], ActionItemEmailKind.Request, recipients.ToLookup(_ => request.Id), ct);
        }
        else if (!external && wasExternal)
        {
            await mail.QueueAsync(db, request.Item, ActionItemEmailKind.Request, now, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Client request {RequestId} changed by {UserId}", requestId, actor.UserId);
        items.Published([request.Item], PortalEventKind.ItemChanged);
    }

    /// <summary>Withdraws one third party's access: every link they were sent stops opening the request.</summary>
    public async Task RevokeAsync(PortalUser actor, int requestId, int thirdPartyId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ClientRequests.Include(r => r.Item).Include(r => r.ThirdParties)
            .SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new NotFoundOrForbiddenException("The request");
        var person = request.ThirdParties.SingleOrDefault(t => t.Id == thirdPartyId) ?? throw new NotFoundOrForbiddenException("The person");
        if (person.RevokedAt is not null) throw new PortalRuleException($"{person.Name}'s access was already withdrawn.");
        var now = Now;
        person.Revoke(actor.Name, now);
        request.Item.Record(actor, AuditAction.LinkRevoked, $"Access withdrawn from {person.Name} <{person.Email}>", now);
        await items.SaveRacingAsync(db, request.Item, "changed", ct);
        events.Publish(ActionItemService.EventFor(request.Item, PortalEventKind.ItemChanged));
    }

    /// <summary>Staff have what they asked for: Completed, and third parties' links stop working.</summary>
    public async Task CloseAsync(PortalUser actor, int requestId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await LoadAsync(db, requestId, ct);
        request.Close(actor, Now);
        await SaveFinishedAsync(db, request, "marked completed", ct);
        events.Publish(ActionItemService.EventFor(request.Item, PortalEventKind.ItemChanged));
    }

    /// <summary>Sends a submitted (or completed) request back with a message: In progress again, answers kept, the answerer emailed.</summary>
    public async Task ReopenAsync(PortalUser actor, int requestId, string message, CancellationToken ct = default)
    {
        actor.RequireStaff();
        message = (message ?? "").Trim();
        if (message.Length == 0) throw new PortalRuleException("Say what the client should look at again: the message is emailed to them.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await LoadAsync(db, requestId, ct);
        var now = Now;
        request.Reopen(actor, message, now);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        await mail.QueueAsync(db, request.Item, ActionItemEmailKind.Reopen, now, ct);
        await SaveFinishedAsync(db, request, "reopened", ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Client request {RequestId} reopened by {UserId}", requestId, actor.UserId);
        items.Published([request.Item], PortalEventKind.ItemRequested);
    }

    public async Task ResendAsync(PortalUser actor, int requestId, ResendInput input, CancellationToken ct = default)
    {
        await EnsureRequestAsync(actor, requestId, ct);
        await items.ResendAsync(actor, requestId, input, ct);
    }

    public async Task ChangeRemindersAsync(PortalUser actor, int requestId, ReminderSettings reminders, CancellationToken ct = default)
    {
        await EnsureRequestAsync(actor, requestId, ct);
        await items.ChangeRemindersAsync(actor, requestId, reminders, ct);
    }

    public async Task CancelAsync(PortalUser actor, int requestId, CancellationToken ct = default)
    {
        await EnsureRequestAsync(actor, requestId, ct);
        await items.CancelAsync(actor, requestId, ct);
    }

    /// <summary>Requests, latest sent first, with their progress; at most <paramref name="take"/> rows, with the total.</summary>
    public async Task<PagedResult<RequestListRow>> ListAsync(PortalUser actor, RequestFilter filter, int take = 50, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.ClientRequests.AsNoTracking().AsQueryable();
        if (filter.AccountId is { } accountId) query = query.Where(r => r.Item.ClientAccountId == accountId);
        if (filter.WaitingOnly) query = query.Where(r => r.Item.Status == ActionItemStatus.Pending || r.Item.Status == ActionItemStatus.InProgress);
        query = filter.Status switch
        {
            RequestStatus.Pending => query.Where(r => r.Item.Status == ActionItemStatus.Pending),
            RequestStatus.InProgress => query.Where(r => r.Item.Status == ActionItemStatus.InProgress),
            RequestStatus.Submitted => query.Where(r => r.Item.Status == ActionItemStatus.Done && r.ClosedAt == null),
            RequestStatus.Completed => query.Where(r => r.Item.Status == ActionItemStatus.Done && r.ClosedAt != null),
            RequestStatus.Cancelled => query.Where(r => r.Item.Status == ActionItemStatus.Cancelled || r.Item.Status == ActionItemStatus.Declined),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + filter.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(r => EF.Functions.Like(r.Item.Title, pattern, "\\") || EF.Functions.Like(r.Item.ClientAccount!.Name, pattern, "\\"));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.Item.LastSentAt).ThenByDescending(r => r.Id).Take(take)
            .Select(r => new
            {
                r.Id, r.Item.Title, r.Item.ClientAccountId, AccountName = r.Item.ClientAccount!.Name, r.Item.Status, Closed = r.ClosedAt != null,
                r.Item.ExternalAudience, r.Item.RequestedAt, r.Item.LastSentAt, r.Item.JobId,
                r.Item.RemindersEnabled, r.Item.RemindersSent, r.Item.ReminderCount, r.Item.NextReminderAt,
                Questions = r.Questions.Count(q => q.Type != QuestionType.Section),
                People = r.ThirdParties.Where(t => t.RevokedAt == null).OrderBy(t => t.Id).Select(t => t.Name).ToList(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var answered = await RequestQueries.AnsweredCountsAsync(db, ids, ct);
        var jobs = await items.JobNamesAsync(rows.Where(r => r.JobId != null).Select(r => r.JobId!.Value).Distinct().ToList(), ct);
        return new PagedResult<RequestListRow>(rows.Select(r => new RequestListRow(r.Id, r.Title, r.ClientAccountId, r.AccountName,
            ClientRequest.StatusOf(r.Status, r.Closed), r.ExternalAudience ? Audience(r.People) : "Account's contacts",
            r.RequestedAt, r.LastSentAt, answered.GetValueOrDefault(r.Id), r.Questions, r.JobId is { } j ? jobs.GetValueOrDefault(j) : null,
            r.RemindersEnabled, r.RemindersSent, r.ReminderCount, r.NextReminderAt)).ToList(), total);
    }

    public async Task<RequestDetails> GetAsync(PortalUser actor, int requestId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ClientRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Select(r => new
            {
                r.Item.ClientAccountId, AccountName = r.Item.ClientAccount!.Name, r.Item.Status, r.ClosedAt, r.ClosedByName, r.SubmittedAt, r.SubmittedByName,
                r.Item.JobId, r.UploadFolderId, FolderName = db.Folders.Where(f => f.Id == r.UploadFolderId).Select(f => f.Name).FirstOrDefault(), r.Item.ExternalAudience,
            })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundOrForbiddenException("The request");
        var item = await db.ActionItems.AsNoTracking().Where(i => i.Id == requestId).Select(ActionItemService.ToSummary).SingleAsync(ct);
        var people = await db.RequestThirdParties.AsNoTracking().Where(t => t.ClientRequestId == requestId).OrderBy(t => t.Id)
            .Select(t => new ThirdPartyRow(t.Id, t.Name, t.Email, t.AddedAt, t.RevokedAt, t.RevokedByName,
                t.Links.Max(l => l.LastOpenedAt), t.Links.Max(l => (DateTime?)l.ExpiresAt)))
            .ToListAsync(ct);
        var jobName = request.JobId is { } jobId ? (await items.JobNamesAsync([jobId], ct)).GetValueOrDefault(jobId) : null;
        return new RequestDetails(requestId, request.ClientAccountId, request.AccountName, ClientRequest.StatusOf(request.Status, request.ClosedAt != null), item,
            request.JobId, jobName, request.UploadFolderId, request.FolderName ?? Defaults.UploadFolderName, request.ExternalAudience, people,
            (await ActionItemMail.RecipientsAsync(db, request.ClientAccountId, ct)).OrderBy(r => r.Name).ToList(),
            await RequestQueries.QuestionsAsync(db, requestId, ct), request.SubmittedAt, request.SubmittedByName, request.ClosedAt, request.ClosedByName);
    }

    private static string Audience(List<string> people) => people.Count switch
    {
        0 => "Nobody (access withdrawn)",
        1 => people[0],
        _ => $"{people[0]} and {people.Count - 1} more",
    };

    private static bool Same(string? a, string? b) => string.Equals((a ?? "").Trim(), (b ?? "").Trim(), StringComparison.OrdinalIgnoreCase);

    private static RequestInput Normalize(RequestInput input) => input with
    {
        Title = (input.Title ?? "").Trim(),
        Message = (input.Message ?? "").Trim(),
        Questions = RequestRules.Normalize(input.Questions),
        ThirdParties = input.ThirdParties.Select(p => new ThirdPartyInput((p.Name ?? "").Trim(), (p.Email ?? "").Trim())).ToList(),
    };

    private static void ThrowIfInvalid(RequestInput input)
    {
        var errors = RequestRules.ValidateRequest(input);
        if (errors.Count > 0) throw new PortalRuleException(string.Join(" ", errors));
    }

    private static void EnsureChangeable(ClientRequest request)
    {
        if (request.Item.Status == ActionItemStatus.Pending) return;
        throw new PortalRuleException(request.Item.Status == ActionItemStatus.InProgress
            ? "The client has started answering, so the questions are locked. Reminders can still be changed, or the request cancelled."
            : $"This request is {StatusWords(request.Status)}, so it can no longer be changed.");
    }

    private static string StatusWords(RequestStatus status) => status switch
    {
        RequestStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The account exists; a request to the account's contacts needs one with portal access; the folder is the account's.</summary>
    private static async Task CheckAccountAsync(AppDbContext db, RequestInput input, CancellationToken ct)
    {
        if (!await db.ClientAccounts.AnyAsync(a => a.Id == input.AccountId, ct)) throw new NotFoundOrForbiddenException("The client account");
        if (input.ThirdParties.Count == 0 && !await db.Contacts.AnyAsync(c => c.ClientAccountId == input.AccountId && c.PortalAccess, ct))
            throw new PortalRuleException("No contact of this account has portal access. Give one access on the Contacts tab, or send the request to people outside the portal.");
        if (input.UploadFolderId is { } folderId && !await db.Folders.AnyAsync(f => f.Id == folderId && f.ClientAccountId == input.AccountId, ct))
            throw new PortalRuleException("That folder does not belong to this account. Choose another.");
    }

    private static async Task<ClientRequest> LoadAsync(AppDbContext db, int requestId, CancellationToken ct) =>
        await db.ClientRequests.Include(r => r.Item).SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new NotFoundOrForbiddenException("The request");

    private async Task EnsureRequestAsync(PortalUser actor, int requestId, CancellationToken ct)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.ClientRequests.AnyAsync(r => r.Id == requestId, ct)) throw new NotFoundOrForbiddenException("The request");
    }

    private static async Task SaveFinishedAsync(AppDbContext db, ClientRequest request, string attempted, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException($"Someone changed this request at the same moment, so it was not {attempted}. Look at it again and retry.");
        }
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("The job was archived or moved by someone at the same moment, so nothing was sent. Look at it again and retry.");
        }
    }
}
